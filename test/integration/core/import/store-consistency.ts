// Checks a data folder the way a crash-safety reviewer would: the database file is sound, every
// instance row points at a store file that exists with the right hash, and the counts kept on
// series and studies equal the rows. Also takes comparable snapshots of the DB and the store.
import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ConsistencyReport {
  integrity: string;
  instances: number;
  missingFiles: string[];
  badHashes: string[];
  seriesCountMismatches: string[];
  studyCountMismatches: string[];
}

export function storeFile(dataDir: string, hash: string): string {
  return path.join(dataDir, 'store', hash.slice(0, 2), hash.slice(2, 4), `${hash}.dcm`);
}

export function checkConsistency(dataDir: string, verifyHashes = true): ConsistencyReport {
  const db = new BetterSqlite3(path.join(dataDir, 'yingdu.sqlite'));
  try {
    const integrity = String(db.pragma('integrity_check', { simple: true }));
    const rows = db.prepare('SELECT file_hash FROM instances').all() as { file_hash: string }[];
    const missingFiles: string[] = [];
    const badHashes: string[] = [];
    for (const { file_hash: hash } of rows) {
      const file = storeFile(dataDir, hash);
      if (!existsSync(file)) missingFiles.push(hash);
      else if (verifyHashes && createHash('sha256').update(readFileSync(file)).digest('hex') !== hash) badHashes.push(hash);
    }
    const seriesCountMismatches = (
      db
        .prepare(
          `SELECT s.series_instance_uid AS uid FROM series s
           WHERE s.number_of_instances <> (SELECT count(*) FROM instances i WHERE i.series_ref = s.id)
              OR s.number_of_instances = 0`,
        )
        .all() as { uid: string }[]
    ).map((r) => r.uid);
    const studyCountMismatches = (
      db
        .prepare(
          `SELECT st.study_instance_uid AS uid FROM studies st
           WHERE st.number_of_series <> (SELECT count(*) FROM series s WHERE s.study_ref = st.id)
              OR st.number_of_instances <> (SELECT count(*) FROM instances i JOIN series s ON i.series_ref = s.id WHERE s.study_ref = st.id)`,
        )
        .all() as { uid: string }[]
    ).map((r) => r.uid);
    return { integrity, instances: rows.length, missingFiles, badHashes, seriesCountMismatches, studyCountMismatches };
  } finally {
    db.close();
  }
}

/** Everything an import may change, in a form `toEqual` can compare. */
export interface DataSnapshot {
  rows: Record<string, unknown[]>;
  storeFiles: string[];
  conflictFiles: string[];
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(`${path.relative(dir, full)}:${statSync(full).size}`);
    }
  };
  walk(dir);
  return out.sort();
}

export function snapshot(dataDir: string): DataSnapshot {
  const db = new BetterSqlite3(path.join(dataDir, 'yingdu.sqlite'));
  try {
    const rows: Record<string, unknown[]> = {};
    for (const table of ['patients', 'studies', 'series', 'instances']) {
      rows[table] = db.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
    }
    return { rows, storeFiles: listFiles(path.join(dataDir, 'store')), conflictFiles: listFiles(path.join(dataDir, 'conflicts')) };
  } finally {
    db.close();
  }
}

/** Per study: its series count and, per series, the SOP Instance UIDs (sorted), keyed by UID. */
export function studyTree(dataDir: string, excludeHashes: ReadonlySet<string> = new Set()): Record<string, Record<string, string[]>> {
  const db = new BetterSqlite3(path.join(dataDir, 'yingdu.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT st.study_instance_uid AS study, s.series_instance_uid AS series, i.sop_instance_uid AS sop, i.file_hash AS hash
         FROM instances i JOIN series s ON i.series_ref = s.id JOIN studies st ON s.study_ref = st.id`,
      )
      .all() as { study: string; series: string; sop: string; hash: string }[];
    const tree: Record<string, Record<string, string[]>> = {};
    for (const r of rows) if (!excludeHashes.has(r.hash)) ((tree[r.study] ??= {})[r.series] ??= []).push(r.sop);
    for (const study of Object.values(tree)) for (const sops of Object.values(study)) sops.sort();
    return tree;
  } finally {
    db.close();
  }
}
