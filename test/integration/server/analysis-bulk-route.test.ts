// GET /bulk/analysis/<id>/<n> on the loopback web host: token required, strict paths, voxels
// back in volume order with the grid in headers, HEAD without a body, JSON errors with codes.
// The stored analysis is a real row (job + analyses tables) whose output file the job service's
// own writer produced from a small synthetic label map on an oblique grid.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/core';
import { writeAnalysisOutputs } from '../../../electron/core/inference/jobs/output-writer';
import { startWebHost, type WebHost } from '../../../electron/server/web-host';
import { bulkAnalysisPath } from '../../../electron/shared/ai-results';
import { makeTempDir } from '../../support/temp-dir';

function get(port: number, pathAndQuery: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathAndQuery, headers, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('analysis bulk route', () => {
  const temp = makeTempDir('yingdu-abulk-');
  const data = path.join(temp.dir, 'data');
  let core: Core;
  let host: WebHost;
  let cookie: string;
  const grid = {
    dimensions: [5, 4, 3] as const,
    spacing: [0.8, 0.8, 2.5] as const,
    origin: [-10.5, 20.25, 3] as const,
    direction: [[0.96, 0.28, 0], [-0.28, 0.96, 0], [0, 0, 1]] as [[number, number, number], [number, number, number], [number, number, number]],
  };
  const voxels = Uint16Array.from({ length: 60 }, (_, n) => (n * 7) % 11);

  beforeAll(async () => {
    mkdirSync(path.join(temp.dir, 'renderer'));
    writeFileSync(path.join(temp.dir, 'renderer', 'index.html'), '<!doctype html>');
    core = createCore({ dataDir: data, host: 'web', aiAutoRun: false });
    const jobId = Number(
      core.db
        .prepare(
          `INSERT INTO jobs (series_instance_uid, study_instance_uid, model_id, model_version, model_sha256, priority, state, created_at)
           VALUES ('1.2.3', '1.2', 'atlas-dk-104', '1.0.0', ?, 'routine', 'done', 'now')`,
        )
        .run('b'.repeat(64)).lastInsertRowid,
    );
    const written = writeAnalysisOutputs(data, jobId, [{ kind: 'labelmap', name: 'atlas', grid, voxels }]);
    core.jobs.analyses.save(
      {
        analysisId: jobId,
        seriesInstanceUID: '1.2.3',
        studyInstanceUID: '1.2',
        model: { id: 'atlas-dk-104', version: '1.0.0', sha256: 'b'.repeat(64) },
        provider: 'cpu',
        seconds: 1,
        findings: [],
        measurements: [],
        outputs: written.outputs,
        warnings: [],
        createdAt: 'now',
      },
      written.grids,
    );
    host = await startWebHost({ core, staticDir: path.join(temp.dir, 'renderer'), port: 0 });
    cookie = `yingdu_token=${host.token}`;
  });
  afterAll(async () => {
    await host?.close();
    await core?.close();
    temp.remove();
  });

  it('serves the output voxels in volume order with their grid, only with the token', async () => {
    expect((await get(host.port, bulkAnalysisPath(1, 0))).status).toBe(401);
    const reply = await get(host.port, bulkAnalysisPath(1, 0), { Cookie: cookie });
    expect(reply.status).toBe(200);
    expect(reply.headers['x-yingdu-dtype']).toBe('uint16');
    expect(reply.headers['x-yingdu-dimensions']).toBe('5,4,3');
    expect(reply.headers['x-yingdu-spacing']).toBe('0.8,0.8,2.5');
    expect(reply.headers['x-yingdu-origin']).toBe('-10.5,20.25,3');
    expect(reply.headers['x-yingdu-direction']).toBe('0.96,0.28,0,-0.28,0.96,0,0,0,1');
    expect(reply.headers['cache-control']).toBe('no-store');
    const back = new Uint16Array(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength / 2);
    expect(Array.from(back)).toEqual(Array.from(voxels));
    const head = await get(host.port, bulkAnalysisPath(1, 0), { Cookie: cookie }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('answers bad and unknown addresses with a JSON error code', async () => {
    const missing = await get(host.port, bulkAnalysisPath(1, 3), { Cookie: cookie });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const unknown = await get(host.port, bulkAnalysisPath(77, 0), { Cookie: cookie });
    expect(unknown.status).toBe(404);
    const bad = await get(host.port, '/bulk/analysis/1/0%2F..', { Cookie: cookie });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString())).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
    expect((await get(host.port, bulkAnalysisPath(1, 0), { Cookie: cookie }, 'DELETE')).status).toBe(405);
  });
});
