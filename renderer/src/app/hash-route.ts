// Routes live in the URL hash so they work on app:// and on the web host alike.
import { useSyncExternalStore } from 'react';

export type Route = { page: 'worklist' } | { page: 'viewer'; studyInstanceUID: string | null };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'viewer') return { page: 'viewer', studyInstanceUID: parts[1] ? decodeURIComponent(parts[1]) : null };
  return { page: 'worklist' };
}

export function routeHref(route: Route): string {
  if (route.page === 'viewer') return route.studyInstanceUID ? `#/viewer/${encodeURIComponent(route.studyInstanceUID)}` : '#/viewer';
  return '#/worklist';
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
