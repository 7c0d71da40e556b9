/** "first 10,000 rows of 1,234,567" when the grid holds only the first rows. */
export function rowSummary(done: { command: string; rowCount: number; shownRows: number; durationMs: number }): string {
  const count = done.rowCount.toLocaleString('en');
  const rows =
    done.command !== 'SELECT'
      ? `${done.command}: ${count} row${done.rowCount === 1 ? '' : 's'}`
      : done.shownRows < done.rowCount
        ? `first ${done.shownRows.toLocaleString('en')} rows of ${count}`
        : `${count} row${done.rowCount === 1 ? '' : 's'}`;
  return `${rows} in ${done.durationMs.toLocaleString('en')} ms`;
}
