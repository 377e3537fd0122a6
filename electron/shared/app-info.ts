/** What `app:info` and `yingdu info` report about this installation. */
export interface AppInfo {
  name: string;
  version: string;
  host: HostKind;
  dataDir: string;
  schemaVersion: number;
  nodeVersion: string;
  electronVersion: string | null;
  platform: string;
  onnxruntime: {
    version: string;
    /** Execution providers usable on this machine, best first; `cpu` is always last. */
    executionProviders: string[];
  };
}

/** Which host process answers the renderer. */
export type HostKind = 'electron' | 'web' | 'cli';
