/**
 * The subset of the Engine API's ServiceSpec that the deploy engine writes, typed once here
 * (dockerode's own typings leave most of it as `{}`). Field names are the API's.
 */
export interface FileTarget {
  Name: string;
  UID: string;
  GID: string;
  Mode: number;
}

export interface SecretReference {
  SecretName: string;
  SecretID?: string;
  File: FileTarget;
}

export interface ConfigReference {
  ConfigName: string;
  ConfigID?: string;
  File: FileTarget;
}

export interface SwarmMount {
  Type: 'volume' | 'bind' | 'tmpfs';
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  VolumeOptions?: {
    Labels?: Record<string, string>;
    DriverConfig?: { Name: string; Options?: Record<string, string> };
  };
}

export interface SwarmUpdateConfig {
  Parallelism: number;
  Delay?: number;
  FailureAction?: string;
  Monitor?: number;
  MaxFailureRatio?: number;
  Order?: string;
}

export interface SwarmResources {
  NanoCPUs?: number;
  MemoryBytes?: number;
}

export interface SwarmServiceSpec {
  Name: string;
  Labels: Record<string, string>;
  TaskTemplate: {
    ContainerSpec: {
      Image: string;
      Command?: string[];
      Args?: string[];
      Hostname?: string;
      Env?: string[];
      Labels: Record<string, string>;
      Dir?: string;
      User?: string;
      Init?: boolean;
      Privileges?: { CredentialSpec: null; SELinuxContext: null };
      StopGracePeriod?: number;
      Healthcheck?: { Test: string[]; Interval?: number; Timeout?: number; Retries?: number; StartPeriod?: number };
      Mounts?: SwarmMount[];
      Secrets?: SecretReference[];
      Configs?: ConfigReference[];
    };
    Resources?: { Limits?: SwarmResources; Reservations?: SwarmResources };
    RestartPolicy?: { Condition?: string; Delay?: number; MaxAttempts?: number; Window?: number };
    Placement?: { Constraints?: string[]; Preferences?: { Spread: { SpreadDescriptor: string } }[] };
    Networks?: { Target: string; Aliases?: string[] }[];
    ForceUpdate?: number;
  };
  Mode: { Replicated: { Replicas?: number } } | { Global: Record<string, never> };
  UpdateConfig?: SwarmUpdateConfig;
  RollbackConfig?: SwarmUpdateConfig;
  EndpointSpec: {
    Mode: 'vip' | 'dnsrr';
    Ports?: { Protocol: string; TargetPort: number; PublishedPort?: number; PublishMode: string }[];
  };
}
