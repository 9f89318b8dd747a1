// The shape of translation files, checked with zod when they are loaded and in CI.

import { z } from "zod";

/** Keys: dotted lower-camel segments, optionally with a plural suffix (`schools.count_one`). */
export const KEY_RE = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*(_(zero|one|two|few|many|other))?$/;

/** One namespace file (`messages/<locale>/<namespace>.json`): a flat object of non-empty strings. */
export const namespaceSchema = z.record(z.string().regex(KEY_RE, "keys are dotted words such as title or table.caption"), z.string().min(1, "empty translation"));

/**
 * Each locale's `_meta.json`: where its translation stands, so a district can route it to its
 * translation unit. `source` is English; `draft` was written by the project and awaits review by a
 * native speaker; `reviewed` names who reviewed it.
 */
export const metaSchema = z.object({
  status: z.enum(["source", "draft", "reviewed"]),
  translatedBy: z.string().min(1),
  reviewedBy: z.string().min(1).nullable(),
  updated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  notes: z.string().optional(),
});

export type LocaleMeta = z.infer<typeof metaSchema>;
