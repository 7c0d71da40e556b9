import { type FormEvent, type ReactNode, useState } from 'react';

import type { UplinkSaveFormat } from '../../../../electron/contract';
import { shownCount, useUplinksStore } from '../../stores/uplinks-store';

const extensions: Record<UplinkSaveFormat, string> = { capture: 'jsonl', 'samples-fixture': 'json' };

/**
 * Saves the rows the table shows (filters and pause applied): as a capture of the raw messages,
 * or as a fixture of their decoded samples. The browser host cannot open a save dialog, so a
 * file name goes to the core, which writes it into the Downloads folder (or an absolute path).
 */
export function UplinkSave(): ReactNode {
  const environment = useUplinksStore((s) => s.environment);
  const saving = useUplinksStore((s) => s.saving);
  const nothingShown = useUplinksStore((s) => shownCount(s) === 0 || s.session === undefined);
  const save = useUplinksStore((s) => s.save);
  const [format, setFormat] = useState<UplinkSaveFormat>('capture');
  const [file, setFile] = useState('');
  // What the last save wrote, for its message: the format menu may have changed since.
  const [savedFormat, setSavedFormat] = useState<UplinkSaveFormat>('capture');
  const fileName = file.trim() || `uplinks-${environment ?? 'live'}.${extensions[format]}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSavedFormat(format);
    void save(format, fileName);
  };

  return (
    <form className="uplink-save" onSubmit={submit} aria-label="Save the shown uplinks">
      <label>
        Save as{' '}
        <select value={format} onChange={(event) => setFormat(event.target.value as UplinkSaveFormat)}>
          <option value="capture">Capture (JSON Lines, as received)</option>
          <option value="samples-fixture">Samples fixture (core.sample)</option>
        </select>
      </label>
      <label>
        File{' '}
        <input
          type="text"
          value={file}
          placeholder={fileName}
          onChange={(event) => setFile(event.target.value)}
          title="A name goes into your Downloads folder; an absolute path is used as it is"
        />
      </label>
      <button type="submit" disabled={nothingShown || saving.status === 'loading'}>
        {saving.status === 'loading' ? 'Saving…' : 'Save shown uplinks'}
      </button>
      {saving.status === 'ready' && (
        <p className="uplink-saved" role="status">
          Saved {saving.data.count.toLocaleString('en')} {savedFormat === 'capture' ? 'uplinks' : 'samples'} to{' '}
          <code>{saving.data.path}</code>
          {saving.data.skipped.length > 0 && <> · left out: {saving.data.skipped.join('; ')}</>}
        </p>
      )}
      {saving.status === 'failed' && (
        <p className="uplink-error" role="alert">
          {saving.message}
        </p>
      )}
    </form>
  );
}
