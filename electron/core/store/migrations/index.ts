import { migration0001 } from './0001-preferences';
import { migration0002 } from './0002-studies';
import { migration0003 } from './0003-worklist';
import { migration0004 } from './0004-models';
import { migration0006 } from './0006-jobs';
import { migration0005 } from './0005-measurements';
import { migration0007 } from './0007-analyses';
import { migration0008 } from './0008-study-triage';
import { migration0009 } from './0009-review';
import { migration0010 } from './0010-study-ai-status';
import type { Migration } from './migration';

/** Every migration in order; the last one's version is the schema this build writes. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
