// Worker thread that owns the database write connection during imports: each message is one
// batch, written in one IMMEDIATE transaction (study-writer.ts). Started by StudyWriterClient.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../shared/result';
import { openDatabase } from './database';
import { type StoredInstance, StudyWriter } from './study-writer';
import { toWriterError, type WriterRequest, type WriterResponse } from './study-writer-protocol';

const port = parentPort;
if (!port) throw new Error('study-writer-worker must run as a worker thread');
const { databaseFile } = workerData as { databaseFile: string };

let writer: StudyWriter | null = null;
let db: ReturnType<typeof openDatabase> | null = null;
try {
  db = openDatabase(databaseFile);
  writer = new StudyWriter(db);
} catch (error) {
  const failure = toWriterError(error);
  port.postMessage({ type: 'startFailed', code: failure.code, message: failure.message } satisfies WriterResponse);
}

port.on('message', (message: WriterRequest) => {
  if (message.type === 'close') {
    db?.close();
    port.postMessage({ type: 'closed' } satisfies WriterResponse);
    port.close();
    return;
  }
  if (!writer) {
    port.postMessage({ type: 'failed', id: message.id, code: 'DATABASE_ERROR', message: 'The study database could not be opened.' } satisfies WriterResponse);
    return;
  }
  try {
    const result = writer.write(message.records as StoredInstance[]);
    port.postMessage({ type: 'written', id: message.id, ...result } satisfies WriterResponse);
  } catch (error) {
    const failure = error instanceof AppError ? error : toWriterError(error);
    port.postMessage({ type: 'failed', id: message.id, code: failure.code, message: failure.message } satisfies WriterResponse);
  }
});
