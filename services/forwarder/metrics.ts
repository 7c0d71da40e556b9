import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';

import type { DeadLetterReason } from './dead-letter-store';

/** The forwarder's Prometheus metrics, in a registry of its own (tests start several). */
export interface ForwarderMetrics {
  registry: Registry;
  received: Counter;
  decoded: Counter;
  skipped: Counter;
  rejected: Counter<'reason'>;
  forwarded: Counter;
  deadLetters: Counter<'reason'>;
  connected: Gauge;
}

export function createMetrics(spool: { size: number; oldestSpooledAt: number | undefined }): ForwarderMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  new Gauge({
    name: 'clair_forwarder_spool_samples',
    help: 'Samples on disk that ingestair has not confirmed yet',
    registers,
    collect() {
      this.set(spool.size);
    },
  });
  new Gauge({
    name: 'clair_forwarder_spool_oldest_age_seconds',
    help: 'How long the oldest unconfirmed sample has waited (0 when the spool is empty)',
    registers,
    collect() {
      const oldest = spool.oldestSpooledAt;
      this.set(oldest === undefined ? 0 : (Date.now() - oldest) / 1000);
    },
  });
  return {
    registry,
    received: new Counter({
      name: 'clair_forwarder_uplinks_received_total',
      help: 'Uplink messages received',
      registers,
    }),
    decoded: new Counter({
      name: 'clair_forwarder_uplinks_decoded_total',
      help: 'Uplink messages decoded and spooled',
      registers,
    }),
    skipped: new Counter({
      name: 'clair_forwarder_uplinks_skipped_total',
      help: 'Uplink messages without application payload (FPort 0, MAC commands only), skipped',
      registers,
    }),
    rejected: new Counter({
      name: 'clair_forwarder_uplinks_rejected_total',
      help: 'Uplink messages set aside as dead letters, by reason',
      labelNames: ['reason'],
      registers,
    }),
    forwarded: new Counter({
      name: 'clair_forwarder_samples_forwarded_total',
      help: 'Samples ingestair confirmed (created or duplicate)',
      registers,
    }),
    deadLetters: new Counter({
      name: 'clair_forwarder_dead_letters_total',
      help: 'Dead letters written, by reason',
      labelNames: ['reason'],
      registers,
    }),
    connected: new Gauge({
      name: 'clair_forwarder_mqtt_connected',
      help: '1 while connected to the TTN MQTT server',
      registers,
    }),
  };
}

export function countDeadLetters(metrics: ForwarderMetrics, reasons: readonly DeadLetterReason[]): void {
  for (const reason of reasons) metrics.deadLetters.inc({ reason });
}
