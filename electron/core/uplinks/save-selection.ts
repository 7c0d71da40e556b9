import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { finished } from 'node:stream/promises';

import { ClairError, type SaveUplinksResult, type UplinkSaveFormat } from '../../contract';
import { writeText } from '../../../services/fixtures/write-text';
import { nodeIdFromDevEui } from '../../../services/domain/nodes/node-id';
import { ttnUplinkDecoder } from '../../../services/domain/ttn/uplink-decoding';
import type { CaptureSession } from './capture-sessions';
import type { CapturedMessage } from './capture-ring';
import { sampleRecord } from '../../../services/fixtures/sample-record';

/**
 * Where a save goes: an absolute path as given, a bare name into the user's Downloads folder
 * (created when missing). The browser host cannot show a native dialog, so the renderer asks for
 * a name and this side decides the folder.
 */
export function savePath(file: string, env: NodeJS.ProcessEnv): string {
  return isAbsolute(file) ? file : join(env.HOME ?? homedir(), 'Downloads', file);
}

/** Counts each reason a message was left out, so a save of 50,000 rows answers in a few lines. */
class Skipped {
  readonly #reasons = new Map<string, number>();

  add(reason: string): void {
    this.#reasons.set(reason, (this.#reasons.get(reason) ?? 0) + 1);
  }

  list(): string[] {
    return [...this.#reasons].map(([reason, count]) => `${count} ${count === 1 ? 'uplink' : 'uplinks'}: ${reason}`);
  }
}

/**
 * Writes the selected messages of a session: a capture (JSON Lines, each message as received)
 * or a samples fixture (the Django fixture of their decoded samples). Messages that cannot go in
 * are counted by reason, and the rest is written.
 */
export async function saveSelection(
  session: CaptureSession,
  seqs: readonly number[],
  format: UplinkSaveFormat,
  path: string,
): Promise<SaveUplinksResult> {
  const skipped = new Skipped();
  const messages: CapturedMessage[] = [];
  for (const seq of seqs) {
    const message = session.ring.get(seq);
    if (message) messages.push(message);
    else skipped.add('no longer kept (the oldest messages make room for new ones)');
  }
  const lines = format === 'capture' ? captureLines(messages, skipped) : fixtureRecords(session, messages, skipped);
  if (lines.length === 0) {
    throw new ClairError({
      code: 'bad-request',
      message: `Nothing to save in ${path}: ${skipped.list().join('; ') || 'no uplinks selected'}`,
    });
  }
  await writeLines(path, format === 'capture' ? lines : ['[', lines.join(',\n'), ']'], format);
  return { path, count: lines.length, skipped: skipped.list() };
}

/** Each message's own bytes; pretty-printed JSON is put on one line, as JSON Lines requires. */
function captureLines(messages: CapturedMessage[], skipped: Skipped): string[] {
  const lines: string[] = [];
  for (const { body } of messages) {
    const text = body.toString('utf8');
    try {
      const json: unknown = JSON.parse(text);
      lines.push(/[\r\n]/.test(text) ? JSON.stringify(json) : text);
    } catch {
      skipped.add('not JSON, so not a TTN message');
    }
  }
  return lines;
}

/** The decoded samples of each message, by the decoder its application's forwarder runs. */
function fixtureRecords(session: CaptureSession, messages: CapturedMessage[], skipped: Skipped): string[] {
  const records: string[] = [];
  for (const { application, body } of messages) {
    const protocol = session.protocols[application];
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      skipped.add('not JSON, so not a TTN message');
      continue;
    }
    const decoded = protocol ? ttnUplinkDecoder(protocol)(json) : undefined;
    if (!protocol || !decoded?.ok) {
      skipped.add(decoded && !decoded.ok ? `${decoded.reason.replace('_', ' ')}, no samples` : 'no decoder');
      continue;
    }
    if (!decoded.devEui) {
      skipped.add('no dev_eui, so no node id');
      continue;
    }
    const node = nodeIdFromDevEui(protocol, decoded.devEui);
    for (const sample of decoded.samples) records.push(JSON.stringify(sampleRecord(node, sample)));
  }
  return records;
}

async function writeLines(path: string, lines: string[], format: UplinkSaveFormat): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    const out = createWriteStream(path, { flags: 'w' });
    for (const line of lines) await writeText(out, `${line}\n`);
    out.end();
    await finished(out);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ClairError({
      code: 'failed',
      message: `Cannot write the ${format === 'capture' ? 'capture' : 'fixture'} to ${path} (${reason}): choose another file or folder`,
    });
  }
}
