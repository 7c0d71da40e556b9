import type { LogLine } from '../../../../electron/contract';

export type DownloadFormat = 'log' | 'jsonl';

/** The lines as a .log (one readable line each) or a .jsonl (one JSON object each) file's text. */
export function formatLines(lines: Iterable<LogLine>, format: DownloadFormat): string {
  const parts: string[] = [];
  for (const line of lines) {
    parts.push(
      format === 'jsonl'
        ? JSON.stringify(line)
        : `${line.time} ${line.service}.${line.task} ${line.stream} ${line.level.toUpperCase()} ${line.text}`,
    );
  }
  return parts.length > 0 ? `${parts.join('\n')}\n` : '';
}

/** Hands the text to the browser as a file download: no file system access needed. */
export function saveAs(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
