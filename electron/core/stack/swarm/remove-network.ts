import type Docker from 'dockerode';

/**
 * Removes a network once its last task has let go of it: right after a service is removed its
 * tasks are still shutting down and the daemon answers "has active endpoints".
 */
export async function removeNetworkWhenFree(docker: Docker, id: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await docker.getNetwork(id).remove();
      return;
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      if (status === 404) return;
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
