/**
 * Server-rendered HTML for the account pages. Every interpolated value is escaped by the `html`
 * tag unless it is itself the result of `html` (SafeHtml), so page code cannot forget to escape.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => entities[c]!);

function render(value: unknown): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return escapeHtml(String(value));
  }
  throw new TypeError('html: only strings, numbers, booleans, arrays and html may be interpolated');
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

export const brand = 'My Clair Account';

const style = `
body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#222}
header{border-bottom:1px solid #ccc;margin-bottom:1.5rem}header a{color:#222;text-decoration:none;font-weight:600}
label{display:block;margin-top:1rem;font-weight:600}input[type=text],input[type=email],input[type=password]{width:100%;padding:.4rem;box-sizing:border-box}
.error{color:#a00;margin:.2rem 0}.help{color:#555;font-size:.9rem;margin:.2rem 0}.notice{background:#eef6ee;padding:.5rem}
button{margin-top:1.2rem;padding:.4rem 1rem}table{border-collapse:collapse}td{padding:.2rem .6rem}nav a{margin-right:1rem}`;

/** A whole page: the brand, a title, the content. */
export function page(title: string, content: SafeHtml): string {
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} – ${brand}</title>
        <style>
          ${new SafeHtml(style)}
        </style>
      </head>
      <body>
        <header>
          <p><a href="/accounts/login/">${brand}</a></p>
        </header>
        <main>
          <h1>${title}</h1>
          ${content}
        </main>
      </body>
    </html> `.value;
}

export interface Field {
  name: string;
  label: string;
  type: 'text' | 'email' | 'password' | 'hidden';
  /** Shown again after a failed submission; never given for passwords. */
  value?: string;
  errors?: readonly string[];
  help?: readonly string[];
  autocomplete?: string;
}

function field(f: Field): SafeHtml {
  if (f.type === 'hidden') return html`<input type="hidden" name="${f.name}" value="${f.value ?? ''}" />`;
  const value = f.type === 'password' ? '' : (f.value ?? '');
  return html`<label for="id_${f.name}">${f.label}</label>
    ${(f.errors ?? []).map((e) => html`<p class="error" id="error_${f.name}">${e}</p>`)}
    <input
      type="${f.type}"
      name="${f.name}"
      id="id_${f.name}"
      value="${value}"
      autocomplete="${f.autocomplete ?? 'off'}"
    />
    ${(f.help ?? []).map((h) => html`<p class="help">${h}</p>`)}`;
}

export interface FormSpec {
  action: string;
  csrfToken: string;
  fields: readonly Field[];
  submit: string;
  /** Errors about the form as a whole. */
  errors?: readonly string[];
}

export function form(spec: FormSpec): SafeHtml {
  return html`<form method="post" action="${spec.action}">
    ${(spec.errors ?? []).map((e) => html`<p class="error">${e}</p>`)}
    <input type="hidden" name="csrfmiddlewaretoken" value="${spec.csrfToken}" />
    ${spec.fields.map(field)}
    <button type="submit">${spec.submit}</button>
  </form>`;
}
