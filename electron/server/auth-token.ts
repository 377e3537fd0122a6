import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'yingdu_token';

/** The token a request presents, from the cookie (normal) or the `token` query (first load, CLI tools). */
export function readRequestToken(req: IncomingMessage, url: URL): { token: string | null; source: 'cookie' | 'query' | null } {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return { token: fromQuery, source: 'query' };
  const cookie = req.headers.cookie ?? '';
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return { token: rest.join('='), source: 'cookie' };
  }
  return { token: null, source: null };
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
export function isTokenValid(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
