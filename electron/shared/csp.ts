// One Content-Security-Policy for both hosts. No remote origins at all: the workstation is
// offline by design. 'wasm-unsafe-eval' lets the image codecs (WebAssembly) compile; blob: and
// data: images carry rendered thumbnails and canvases. Workers come from our own origin.
export function contentSecurityPolicy(connectSrc: string): string {
  return [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connectSrc}`,
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
