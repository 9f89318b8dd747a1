/**
 * The checker's Web Worker: reads a dropped File in chunks (never uploading it: no network at all) and
 * checks it with checkBytes, posting progress as it goes and the report at the end. Bundled inline into
 * the page's script, so it needs no request of its own and runs offline.
 */
import { checkBytes, type ByteSource } from './check.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ToWorker>) => void): void;
}
const scope = self as unknown as WorkerScope;

function fileSource(file: File): ByteSource {
  return { size: file.size, read: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()) };
}

scope.addEventListener('message', (e) => {
  const m = e.data;
  if (m?.type !== 'check') return;
  let last = 0;
  checkBytes(fileSource(m.file), { file: m.file.name, ...(m.kind ? { kind: m.kind } : {}), ...(m.dimension ? { dimension: m.dimension } : {}) }, {
    chunkBytes: 1 << 20,
    onProgress: (done, total) => {
      // A message per percent at most.
      if (total && (done - last) / total < 0.01 && done < total) return;
      last = done;
      scope.postMessage({ type: 'progress', id: m.id, done, total });
    },
  }).then(
    (report) => scope.postMessage({ type: 'result', id: m.id, report }),
    (err: unknown) => scope.postMessage({ type: 'failed', id: m.id, message: err instanceof Error ? err.message : String(err) }),
  );
});
