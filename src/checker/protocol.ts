/** Messages between the checker page and its worker (structured-clone safe). */
import type { CodeDimension } from '../rules/codes.ts';
import type { InputKind } from '../rules/inputs.ts';
import type { CheckReport } from './check.ts';

export type ToWorker = { type: 'check'; id: number; file: File; kind?: InputKind; dimension?: CodeDimension };

export type FromWorker =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; report: CheckReport }
  | { type: 'failed'; id: number; message: string };
