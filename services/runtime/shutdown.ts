/**
 * Runs `close` once on SIGTERM or SIGINT (docker stops a task with SIGTERM), then exits. A
 * second signal, or a close that takes longer than the grace period, exits at once.
 */
export function closeOnSignal(close: () => Promise<void>, log: (message: string) => void, graceMs = 10_000): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(1);
    closing = true;
    log(`${signal} received, shutting down`);
    const timer = setTimeout(() => {
      log(`Shutdown took longer than ${graceMs} ms, exiting`);
      process.exit(1);
    }, graceMs);
    timer.unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        log(`Shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
