// GPU memory of the reading viewer, end to end (Chromium, SwiftShader): the axial, coronal,
// sagittal and 3-D views of one volume draw with one WebGL context and sample ONE 3-D texture
// (shared-render-context.ts), allocated half-float and filled slab by slab (voxel-texture.ts),
// and the texels give back every stored value of the real chest CT exactly. The page's WebGL
// calls are recorded by wrapping WebGL2RenderingContext's prototype before the viewer opens.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkVolumePath, type VolumeDescription } from '../../electron/shared/volumes';
import { HAS_SHARED, SHARED_MISSING_REASON, sharedData } from '../support/shared-data';
import { HAS_CHROMIUM } from './support/browser';
import { openImportedStudy, type ViewerSession } from './support/viewer-session';
import { framesOf } from './viewer-pixels';

const CT_DIR = sharedData('ct-chest-lung-pet-ct-dx', 'A0002', 'series-B70f');
const RUN = HAS_SHARED && HAS_CHROMIUM;
const R16F = 0x822d;
const R32F = 0x822e;

interface Recorded {
  /** Canvas size of every WebGL2 context created, at creation. */
  contexts: [number, number][];
  storage: { internalFormat: number; width: number; height: number; depth: number }[];
  /** Full-volume uploads through texImage3D / one texSubImage3D call (vtk.js's own path). */
  wholeUploads: number;
  subUploads: number;
}

describe.skipIf(!RUN)(`viewer GPU memory${RUN ? '' : ` — skipped: ${HAS_SHARED ? 'no Chromium' : SHARED_MISSING_REASON}`}`, () => {
  let session: ViewerSession | undefined;
  let page: Page;
  let volume: VolumeDescription;

  beforeAll(async () => {
    session = await openImportedStudy(CT_DIR, { viewport: { width: 1500, height: 820 }, on: 'worklist' });
    page = session.page;
    const described = await session.app.core.dispatch('volumes:describe', { seriesInstanceUID: session.seriesUID });
    if (!described.ok) throw new Error(described.error.message);
    volume = (described.value as VolumeDescription[])[0]!;
    await page.evaluate((slices) => {
      const record = { contexts: [] as [number, number][], storage: [] as Recorded['storage'], wholeUploads: 0, subUploads: 0, textures: [] as { gl: WebGL2RenderingContext; texture: WebGLTexture | null }[] };
      (window as unknown as { __gl: typeof record }).__gl = record;
      const proto = WebGL2RenderingContext.prototype;
      const getContext = HTMLCanvasElement.prototype.getContext;
      const seen = new Set<unknown>();
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
        const context = (getContext as (...a: unknown[]) => unknown).call(this, type, ...rest);
        if (type === 'webgl2' && context && !seen.has(context)) {
          seen.add(context);
          record.contexts.push([this.width, this.height]);
        }
        return context;
      } as typeof getContext;
      const texStorage3D = proto.texStorage3D;
      proto.texStorage3D = function (this: WebGL2RenderingContext, target: number, levels: number, internalFormat: number, width: number, height: number, depth: number) {
        texStorage3D.call(this, target, levels, internalFormat, width, height, depth);
        if (depth === slices) {
          record.storage.push({ internalFormat, width, height, depth });
          record.textures.push({ gl: this, texture: this.getParameter(this.TEXTURE_BINDING_3D) as WebGLTexture | null });
        }
      };
      const texImage3D = proto.texImage3D;
      proto.texImage3D = function (this: WebGL2RenderingContext, ...args: unknown[]) {
        if (args[5] === slices) record.wholeUploads += 1;
        return (texImage3D as (...a: unknown[]) => void).apply(this, args);
      } as typeof texImage3D;
      const texSubImage3D = proto.texSubImage3D;
      proto.texSubImage3D = function (this: WebGL2RenderingContext, ...args: unknown[]) {
        if (args[7] === slices) record.wholeUploads += 1;
        else record.subUploads += 1;
        return (texSubImage3D as (...a: unknown[]) => void).apply(this, args);
      } as typeof texSubImage3D;
    }, volume.dimensions[2]);
  });

  afterAll(() => session?.close());

  it('draws MPR and 3-D (a layout change) with one context and one half-float texture of the volume, uploaded once in slabs', async () => {
    await page.evaluate((uid) => (window.location.hash = `#/viewer/${uid}`), session!.studyUID);
    for (const id of ['canvas-axial', 'canvas-coronal', 'canvas-sagittal']) {
      await expect.poll(() => framesOf(page, id), { timeout: 60_000 }).toBeGreaterThan(0);
    }
    await page.locator('[data-testid=canvas-axial]').hover();
    await page.keyboard.press('T');
    await expect.poll(() => framesOf(page, 'canvas-volume3d'), { timeout: 90_000 }).toBeGreaterThan(0);
    const recorded = await page.evaluate(() => {
      const r = (window as unknown as { __gl: Recorded }).__gl;
      return { contexts: r.contexts, storage: r.storage, wholeUploads: r.wholeUploads, subUploads: r.subUploads };
    });
    // vtk.js probes linear filtering of norm16 textures once per page on a 4×4 canvas of its own
    // (Rendering/OpenGL/Texture/supportsNorm16Linear.js); every other context is a viewport's.
    const viewportContexts = recorded.contexts.filter(([w, h]) => !(w === 4 && h === 4));
    expect(viewportContexts).toHaveLength(1);
    expect(recorded.contexts.length).toBeLessThanOrEqual(2);
    // The 30-slice CT's stored values are 16-bit integers spanning less than 4,096: half floats hold them exactly.
    expect(['int16', 'uint16']).toContain(volume.dtype);
    expect(volume.max - volume.min).toBeLessThanOrEqual(4096);
    expect(recorded.storage).toEqual([{ internalFormat: R16F, width: volume.dimensions[0], height: volume.dimensions[1], depth: volume.dimensions[2] }]);
    expect(recorded.storage.some((s) => s.internalFormat === R32F)).toBe(false);
    expect(recorded.wholeUploads).toBe(0);
    expect(recorded.subUploads).toBeGreaterThan(1);
  });

  it('keeps every stored value exact in the texture (texel differences equal voxel differences, slice by slice)', async () => {
    const path = bulkVolumePath(session!.seriesUID, volume.index);
    const result = await page.evaluate(
      async ({ url, dims, signed }) => {
        const [w, h, d] = dims as [number, number, number];
        const bytes = await (await fetch(url, { credentials: 'same-origin' })).arrayBuffer();
        const voxels = signed ? new Int16Array(bytes) : new Uint16Array(bytes);
        const textures = (window as unknown as { __gl: { textures: { gl: WebGL2RenderingContext; texture: WebGLTexture | null }[] } }).__gl.textures;
        const { gl, texture } = textures[textures.length - 1]!;
        gl.getExtension('EXT_color_buffer_float');
        const previous = gl.getParameter(gl.FRAMEBUFFER_BINDING) as WebGLFramebuffer | null;
        const framebuffer = gl.createFramebuffer();
        gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer);
        const texels = new Float32Array(w * h * 4);
        let mismatches = 0;
        let nonIntegers = 0;
        let compared = 0;
        for (let k = 0; k < d; k += 7) {
          gl.framebufferTextureLayer(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, texture, 0, k);
          gl.readPixels(0, 0, w, h, gl.RGBA, gl.FLOAT, texels);
          const base = k * w * h;
          const offset = (voxels[base] as number) - (texels[0] as number);
          for (let i = 0; i < w * h; i++) {
            const t = texels[i * 4] as number;
            if (!Number.isInteger(t)) nonIntegers += 1;
            if (t + offset !== voxels[base + i]) mismatches += 1;
            compared += 1;
          }
        }
        gl.bindFramebuffer(gl.FRAMEBUFFER, previous);
        gl.deleteFramebuffer(framebuffer);
        return { mismatches, nonIntegers, compared, error: gl.getError() };
      },
      { url: path, dims: volume.dimensions, signed: volume.dtype === 'int16' },
    );
    expect(result.error).toBe(0);
    expect(result.compared).toBe(volume.dimensions[0] * volume.dimensions[1] * Math.ceil(volume.dimensions[2] / 7));
    expect(result.nonIntegers).toBe(0);
    expect(result.mismatches).toBe(0);
  });
});
