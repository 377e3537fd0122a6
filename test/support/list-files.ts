import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Every regular, non-hidden file under `dir`, sorted, so runs see the same order. */
export function listFilesRecursive(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFilesRecursive(full));
    else if (entry.isFile() && !entry.name.startsWith('.')) out.push(full);
  }
  return out.sort();
}
