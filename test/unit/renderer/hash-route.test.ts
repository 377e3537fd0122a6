import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../../../renderer/src/app/hash-route';

describe('hash routes', () => {
  it('parses worklist and viewer routes and round-trips UIDs', () => {
    expect(parseRoute('')).toEqual({ page: 'worklist' });
    expect(parseRoute('#/worklist')).toEqual({ page: 'worklist' });
    expect(parseRoute('#/viewer')).toEqual({ page: 'viewer', studyInstanceUID: null });
    const uid = '1.3.6.1.4.1.14519.5.2.1.6655.2359.1';
    expect(parseRoute(routeHref({ page: 'viewer', studyInstanceUID: uid }))).toEqual({ page: 'viewer', studyInstanceUID: uid });
    expect(parseRoute('#/nonsense')).toEqual({ page: 'worklist' });
  });
});
