// A study committed by another connection (another process in real use) makes open worklists
// refresh: the data_version poll announces studies:changed once per change, not before.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/store/database';
import { watchExternalChanges } from '../../../../electron/core/worklist/external-change-watch';
import { EventBus } from '../../../../electron/shared/event-bus';
import { makeTempDir } from '../../../support/temp-dir';
import { createSeeder } from './study-seed';

describe('external change watch', () => {
  const temp = makeTempDir('yingdu-watch-');
  afterAll(() => temp.remove());

  it('announces commits by another connection, and stays quiet otherwise', async () => {
    const file = path.join(temp.dir, 'yingdu.sqlite');
    const db = openDatabase(file);
    const other = openDatabase(file);
    const bus = new EventBus();
    let announced = 0;
    bus.subscribe((event) => {
      if (event === 'studies:changed') announced += 1;
    });
    const stop = watchExternalChanges(db, bus, 20);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(announced).toBe(0);

    createSeeder(other)({ studyInstanceUID: '1.2.3', patientName: '王小明', patientID: 'P1' });
    await expect.poll(() => announced, { timeout: 5000, interval: 20 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(announced).toBe(1);

    stop();
    other.close();
    db.close();
  });
});
