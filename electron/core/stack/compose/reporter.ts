import type { Location } from './layers';
import type { SourceProblem } from './source-problem';
import { positionOf, type JsonPath, type YamlSource } from './yaml-source';

/** Collects problems about one YAML file, placing each at the JSON path it concerns. */
export class Reporter {
  readonly problems: SourceProblem[] = [];

  constructor(readonly source: YamlSource) {}

  error(path: JsonPath, message: string, options: { key?: boolean } = {}): void {
    this.report('error', path, message, options);
  }

  warning(path: JsonPath, message: string, options: { key?: boolean } = {}): void {
    this.report('warning', path, message, options);
  }

  /** Where `path` is written, for problems found later, after the files are merged. */
  locate(path: JsonPath, options: { key?: boolean } = {}): Location {
    return { file: this.source.file, ...positionOf(this.source, path, options) };
  }

  private report(severity: SourceProblem['severity'], path: JsonPath, message: string, options: { key?: boolean }) {
    this.problems.push({ severity, ...this.locate(path, options), message: `${path.join('.')}: ${message}` });
  }
}
