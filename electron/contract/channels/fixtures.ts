import { z } from 'zod';

import { defineInvoke, defineStream } from '../define';

/**
 * Fixture import (issue 8, point 2): a Django fixture (the original's format) or a capture (JSON
 * Lines of TTN uplinks) from a path on this machine, previewed against an environment's database
 * without writing, then imported in one transaction. The file stays in the core; only counts and
 * the first problems travel.
 */

const environment = z.string().min(1);

/** A fixture is a JSON array of Django records; a capture has one TTN ApplicationUp per line. */
export const ImportFileKind = z.enum(['fixture', 'capture']);
export type ImportFileKind = z.infer<typeof ImportFileKind>;

export const ImportFile = z.object({
  name: z.string(),
  path: z.string(),
  size: z.number().int().nonnegative(),
  modifiedAt: z.string(),
  kind: ImportFileKind,
});
export type ImportFile = z.infer<typeof ImportFile>;

export const ImportFolder = z.object({
  folder: z.string(),
  /** The folder's .json and .jsonl files, newest first. */
  files: z.array(ImportFile),
});
export type ImportFolder = z.infer<typeof ImportFolder>;

/** The payload protocols a capture's devices may speak; they decide the decoder and the node ids. */
export const CaptureProtocol = z.enum(['CLAIRCHEN', 'ELSYSERS', 'TALKPOOLOY1012']);
export type CaptureProtocol = z.infer<typeof CaptureProtocol>;

/** What a preview expects, or an import did, for one Django model. */
export const ModelTally = z.object({
  model: z.string(),
  /** Preview: would be inserted; import: inserted. */
  insert: z.number().int().nonnegative(),
  /** Already stored: skipped, never overwritten. */
  present: z.number().int().nonnegative(),
  invalid: z.number().int().nonnegative(),
  /** Models Clair does not keep, uplinks without payload. */
  skipped: z.number().int().nonnegative(),
});
export type ModelTally = z.infer<typeof ModelTally>;

/** Why one record (a fixture's, counted from 1) or one line of a capture cannot be imported. */
export const RecordProblem = z.object({
  index: z.number().int().positive(),
  model: z.string(),
  pk: z.string().optional(),
  field: z.string().optional(),
  reason: z.string(),
});
export type RecordProblem = z.infer<typeof RecordProblem>;

export const ImportSummary = z.object({
  models: z.array(ModelTally),
  /** The first problems; `moreProblems` counts the invalid records not listed. */
  problems: z.array(RecordProblem),
  moreProblems: z.number().int().nonnegative(),
  /** The file breaks off or stops being JSON here; everything before it is counted. */
  fileError: z.string().optional(),
  records: z.number().int().nonnegative(),
  seconds: z.number().nonnegative(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const FixturePreviewRequest = z.object({
  environment,
  path: z.string().min(1, 'type the path of a fixture or capture file'),
  /** For a capture: the devices' protocol; by default each application's, from the environment. */
  protocol: CaptureProtocol.optional(),
});
export type FixturePreviewRequest = z.infer<typeof FixturePreviewRequest>;

export const FixturePreview = z.object({
  /** Names this preview for the import, which imports exactly the previewed file. */
  previewId: z.string(),
  file: ImportFile,
  /** The database it was compared with, never a password. */
  database: z.string(),
  summary: ImportSummary,
});
export type FixturePreview = z.infer<typeof FixturePreview>;

export const FixturePreviewEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    bytesRead: z.number().int().nonnegative(),
    size: z.number().int().nonnegative(),
    records: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal('preview'), preview: FixturePreview }),
]);
export type FixturePreviewEvent = z.infer<typeof FixturePreviewEvent>;

export const ModelProgress = z.object({
  model: z.string(),
  done: z.number().int().nonnegative(),
  /** From the preview. */
  total: z.number().int().nonnegative(),
});
export type ModelProgress = z.infer<typeof ModelProgress>;

export const FixtureImportEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    models: z.array(ModelProgress),
  }),
  z.object({ type: z.literal('result'), summary: ImportSummary }),
]);
export type FixtureImportEvent = z.infer<typeof FixtureImportEvent>;

export const fixturesChannels = {
  /** The fixture and capture files of a folder (by default ~/Downloads), for picking one. */
  listFiles: defineInvoke('fixtures:list-files', z.object({ folder: z.string().optional() }), ImportFolder),
  /** Reads the file and compares it with the environment's database, read-only; ends with the preview. */
  preview: defineStream('fixtures:preview', FixturePreviewRequest, FixturePreviewEvent),
  /** Imports the previewed file in one transaction; unsubscribing cancels and rolls it all back. */
  import: defineStream(
    'fixtures:import',
    z.object({ environment, previewId: z.string().min(1), confirm: z.string().optional() }),
    FixtureImportEvent,
    { title: 'Imported a fixture' },
  ),
};
