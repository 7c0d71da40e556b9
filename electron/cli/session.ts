import type Docker from 'dockerode';

import type { Environment } from '../core/environments/load-environment';
import type { Journal } from '../core/stack/journal/journal';
import type { StackModel } from '../core/stack/stack-model';
import type { CliIo } from './cli-io';

/** One environment command's checked inputs: what every subcommand on a stack works with. */
export interface Session {
  io: CliIo;
  environment: Environment;
  docker: Docker;
  journal: Journal;
  /** `-y` was given. */
  yes: boolean;
}

/** A session of a command that deploys, whose compose files loaded and checked without error. */
export interface ModelSession extends Session {
  model: StackModel;
}
