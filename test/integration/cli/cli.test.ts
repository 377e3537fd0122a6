// The `yingdu` CLI conventions: --json prints one JSON document; errors go to stderr with a code
// and a non-zero exit; `serve` prints its tokenised address and guards it.
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { runYingdu, spawnYingdu } from './cli-support';

describe('yingdu CLI', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  it('info --json prints one JSON document naming onnxruntime-node and the cpu provider', async () => {
    const run = runYingdu(['info', '--data', temp.dir, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const info = JSON.parse(run.stdout) as Record<string, unknown> & { onnxruntime: { version: string; executionProviders: string[] } };
    const { version } = (await import('onnxruntime-node/package.json', { with: { type: 'json' } })).default;
    expect(info.onnxruntime.version).toBe(version);
    expect(info.onnxruntime.executionProviders).toContain('cpu');
    expect(info.dataDir).toBe(temp.dir);
    expect(info.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('info prints a readable summary without --json', () => {
    const run = runYingdu(['info', '--data', temp.dir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('onnxruntime-node');
    expect(run.stdout).toContain(temp.dir);
  });

  it('honours YINGDU_DATA when --data is absent', () => {
    const run = runYingdu(['info', '--json'], { YINGDU_DATA: temp.dir });
    expect(JSON.parse(run.stdout).dataDir).toBe(temp.dir);
  });

  it('reports an unknown command on stderr with a code and exit status 2', () => {
    const run = runYingdu(['frobnicate', '--json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^error INVALID_ARGUMENT: unknown command "frobnicate"/);
    expect(JSON.parse(run.stdout)).toEqual({ error: { code: 'INVALID_ARGUMENT', message: 'unknown command "frobnicate"' } });
  });

  it('rejects unknown options and bad values', () => {
    expect(runYingdu(['info', '--bogus']).status).toBe(2);
    const badPort = runYingdu(['serve', '--port', 'eighty', '--data', temp.dir]);
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain('--port');
  });

  it('serve --port 0 prints its address, refuses requests without the token and serves the UI with it', async () => {
    const child = spawnYingdu(['serve', '--port', '0', '--data', temp.dir, '--json']);
    try {
      const started = await new Promise<{ url: string; port: number; token: string }>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          try {
            resolve(JSON.parse(out));
          } catch {
            // wait for the rest of the document
          }
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
      const status = (path: string) =>
        new Promise<number>((resolve, reject) => {
          request({ host: '127.0.0.1', port: started.port, path }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
            .on('error', reject)
            .end();
        });
      expect(await status('/')).toBe(401);
      expect(await status(`/?token=${started.token}`)).toBe(303);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
  });
});
