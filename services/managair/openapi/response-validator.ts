import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';

import type { OpenApiDocument } from './openapi-document';

/**
 * Checks responses against the OpenAPI document, so that every API test also proves the document
 * tells the truth: the operation must exist for the method and path, the status must be
 * documented, and a JSON body must match the documented schema (extra members included, since
 * the generated schemas forbid them).
 *
 * With sparse fieldsets (`fields[Type]=…`) attributes and relationships may be missing by
 * design, so for those requests `required` is dropped inside them.
 */
export class ResponseValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly operations: { method: string; pattern: RegExp; template: string; literalSegments: number }[] = [];
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    this.ajv.addSchema({ ...document, $id: 'openapi' });
    for (const [template, item] of Object.entries(document.paths)) {
      const pattern = new RegExp(
        '^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '[^/]+') + '/?$',
      );
      const literalSegments = template.split('/').filter((s) => s && !s.startsWith('{')).length;
      for (const method of Object.keys(item)) this.operations.push({ method, pattern, template, literalSegments });
    }
    // A literal segment wins over a parameter: /organizations/{id}/relationships/users before …/{related}.
    this.operations.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  /** Problems with the response, empty when it matches the document. */
  check(method: string, url: string, status: number, contentType: string | undefined, body: string): string[] {
    const path = url.split('?')[0]!;
    const operation = this.operations.find((o) => o.method === method.toLowerCase() && o.pattern.test(path));
    if (!operation) return [`${method} ${path} is not in the OpenAPI document`];
    const pointer = `/paths/${escape(operation.template)}/${operation.method}/responses/${status}`;
    const response = (
      this.document.paths[operation.template]![operation.method] as {
        responses: Record<string, { content?: Record<string, unknown> }>;
      }
    ).responses[String(status)];
    if (!response) return [`${method} ${operation.template} does not document status ${status}`];
    if (!response.content) return body === '' ? [] : [`${method} ${operation.template} ${status} should have no body`];
    const documented = Object.keys(response.content);
    const mediaType = documented.find((type) => mediaTypeMatches(type, contentType ?? ''));
    if (!mediaType) return [`${status} is ${contentType ?? 'untyped'}, documented as ${documented.join(' or ')}`];
    if (!mediaType.includes('json')) return [];
    const sparse = url.includes('fields[') || url.includes('fields%5B');
    const validate = this.validator(`${pointer}/content/${escape(mediaType)}/schema`, sparse);
    if (validate(JSON.parse(body))) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  }

  private validator(pointer: string, sparse: boolean): ValidateFunction {
    const key = `${sparse}:${pointer}`;
    let validate = this.cache.get(key);
    if (!validate) {
      const schema = sparse ? relaxResourceMembers(this.resolve(pointer)) : { $ref: `openapi#${pointer}` };
      validate = this.ajv.compile(schema as object);
      this.cache.set(key, validate);
    }
    return validate;
  }

  /** The schema at a pointer with component references inlined, for the relaxed copy. */
  private resolve(pointer: string): unknown {
    let node: unknown = this.document;
    for (const part of pointer.split('/').slice(1)) node = (node as Record<string, unknown>)[unescape(part)];
    const inline = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(inline);
      if (value === null || typeof value !== 'object') return value;
      const ref = (value as { $ref?: string }).$ref;
      if (ref?.startsWith('#/components/schemas/'))
        return inline(this.document.components.schemas[ref.slice('#/components/schemas/'.length)]);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inline(v)]));
    };
    return inline(node);
  }
}

/** `image/*` matches `image/png`; parameters (`; charset=utf-8`) are ignored. */
function mediaTypeMatches(documented: string, actual: string): boolean {
  const type = actual.split(';')[0]!.trim().toLowerCase();
  return documented.endsWith('/*') ? type.startsWith(documented.slice(0, -1)) : type === documented;
}

const escape = (s: string) => s.replaceAll('~', '~0').replaceAll('/', '~1');
const unescape = (s: string) => s.replaceAll('~1', '/').replaceAll('~0', '~');

function relaxResourceMembers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(relaxResourceMembers);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, member]) => [
          name,
          (name === 'attributes' || name === 'relationships') && member && typeof member === 'object'
            ? { ...(relaxResourceMembers(member) as object), required: [] }
            : relaxResourceMembers(member),
        ]),
      );
    } else out[key] = relaxResourceMembers(value);
  }
  return out;
}
