import type { ColumnType, Generated } from 'kysely';

/**
 * The tables of migrations/ as Kysely sees them. pg returns bigint and numeric as strings (they
 * can exceed a JS number's precision), so those columns are strings here too.
 */
type BigIntId = ColumnType<string, string | number | undefined, string | number>;
type Numeric = ColumnType<string | null, string | number | null | undefined, string | number | null>;

export interface UsersTable {
  id: BigIntId;
  username: string;
  email: Generated<string>;
  first_name: Generated<string>;
  last_name: Generated<string>;
  password: string;
  is_staff: Generated<boolean>;
  is_superuser: Generated<boolean>;
  is_active: Generated<boolean>;
  last_login: Date | null;
  date_joined: Generated<Date>;
}

export interface EmailAddressesTable {
  id: BigIntId;
  user_id: string | number;
  email: string;
  verified: Generated<boolean>;
  primary: Generated<boolean>;
}

export interface OrganizationsTable {
  id: BigIntId;
  name: string;
  description: string | null;
}

export interface MembershipsTable {
  id: BigIntId;
  role: Generated<'O' | 'I'>;
  user_id: string | number;
  organization_id: string | number;
}

export interface AddressesTable {
  id: BigIntId;
  street1: string;
  street2: string | null;
  zip: string;
  city: string;
  latitude: Numeric;
  longitude: Numeric;
}

export interface SitesTable {
  id: BigIntId;
  name: string;
  description: string | null;
  address_id: string | number;
  operator_id: string | number;
}

export interface RoomsTable {
  id: BigIntId;
  name: string;
  description: string | null;
  size_sqm: Numeric;
  height_m: Numeric;
  max_occupancy: number | null;
  site_id: string | number;
}

export interface ProtocolsTable {
  id: BigIntId;
  identifier: string;
  num_uplink_msgs: Generated<number>;
  num_downlink_msgs: Generated<number>;
}

export interface QuantitiesTable {
  id: BigIntId;
  quantity: string;
  base_unit: string;
}

export interface NodeModelsTable {
  id: BigIntId;
  name: string;
  trade_name: string;
  manufacturer: string;
  sensor_type: string;
}

export interface NodeModelQuantitiesTable {
  node_model_id: string | number;
  quantity_id: string | number;
}

export interface NodesTable {
  id: string;
  eui64: string;
  alias: string;
  description: string | null;
  protocol_id: string | number;
  model_id: string | number;
  owner_id: string | number;
}

export interface InstallationsTable {
  id: BigIntId;
  node_id: string;
  room_id: string | number;
  from_timestamp_s: number;
  to_timestamp_s: Generated<number>;
  description: string | null;
  is_public: Generated<boolean>;
  image: string | null;
}

export type Fidelity = 'U' | 'E' | 'M' | 'D';

export interface NodeFidelityTable {
  node_id: string;
  fidelity: Generated<Fidelity>;
  last_contact_s: number | null;
  last_check_s: number;
}

export type MeasurementStatus = 'M' | 'R' | 'E';

export interface SamplesTable {
  node_id: string;
  timestamp_s: number;
  co2_ppm: number;
  temperature_celsius: Numeric;
  rel_humidity_percent: number | null;
  measurement_status: Generated<MeasurementStatus>;
}

/** Kept by triggers on samples (migrations/0003-sample-hours.ts): read-only to Kysely. */
type TriggerKept<T> = ColumnType<T, never, never>;

/** Per node and UTC hour, the aggregates of its samples; bigint and numeric sums are strings. */
export interface SampleHoursTable {
  node_id: TriggerKept<string>;
  hour_s: TriggerKept<number>;
  sample_count: TriggerKept<number>;
  co2_sum: TriggerKept<string>;
  co2_min: TriggerKept<number>;
  co2_max: TriggerKept<number>;
  temperature_count: TriggerKept<number>;
  temperature_sum: TriggerKept<string>;
  temperature_min: TriggerKept<string | null>;
  temperature_max: TriggerKept<string | null>;
  humidity_count: TriggerKept<number>;
  humidity_sum: TriggerKept<string>;
  humidity_min: TriggerKept<number | null>;
  humidity_max: TriggerKept<number | null>;
}

/** Secrets are stored as their SHA-256 (migrations/0002-accounts.ts). */
export interface SessionsTable {
  key_hash: Buffer;
  user_id: string | number;
  created_at: Generated<Date>;
  expires_at: Date;
  last_seen_at: Generated<Date>;
}

export interface AuthTokensTable {
  id: BigIntId;
  key_hash: Buffer;
  user_id: string | number;
  created_at: Generated<Date>;
}

export interface EmailConfirmationsTable {
  key_hash: Buffer;
  email_address_id: string | number;
  sent_at: Generated<Date>;
  expires_at: Date;
}

export interface PasswordResetsTable {
  key_hash: Buffer;
  user_id: string | number;
  created_at: Generated<Date>;
  expires_at: Date;
  used_at: Date | null;
}

export interface LoginAttemptsTable {
  id: BigIntId;
  identifier: string;
  ip: string;
  attempted_at: Generated<Date>;
}

export interface Database {
  users: UsersTable;
  email_addresses: EmailAddressesTable;
  organizations: OrganizationsTable;
  memberships: MembershipsTable;
  addresses: AddressesTable;
  sites: SitesTable;
  rooms: RoomsTable;
  protocols: ProtocolsTable;
  quantities: QuantitiesTable;
  node_models: NodeModelsTable;
  node_model_quantities: NodeModelQuantitiesTable;
  nodes: NodesTable;
  installations: InstallationsTable;
  node_fidelity: NodeFidelityTable;
  samples: SamplesTable;
  sample_hours: SampleHoursTable;
  sessions: SessionsTable;
  auth_tokens: AuthTokensTable;
  email_confirmations: EmailConfirmationsTable;
  password_resets: PasswordResetsTable;
  login_attempts: LoginAttemptsTable;
}
