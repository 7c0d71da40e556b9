import { describe, expect, it } from 'vitest';

import { safeNext } from './account-pages';
import { form, html, page } from './html';
import { confirmationMail, passwordResetMail } from './mail-texts';

describe('account page HTML', () => {
  it('escapes every interpolation but nested html', () => {
    const evil = `<img src=x onerror="alert('x')">&`;
    const inner = html`<b>${'&'}</b>`;
    // prettier-ignore
    const out = html`<p>${evil}</p>${inner}`.value;
    expect(out).toBe('<p>&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</p><b>&amp;</b>');
  });

  it('never renders a password value, and renders errors and hints by their field', () => {
    const out = form({
      action: '/accounts/signup/',
      csrfToken: 't"ok',
      submit: 'Go',
      fields: [
        { name: 'username', label: 'Username', type: 'text', value: 'a"b', errors: ['taken <now>'] },
        { name: 'password1', label: 'Password', type: 'password', value: 'secret', help: ['8+'] },
      ],
    }).value;
    expect(out).toContain('value="t&quot;ok"');
    expect(out).toContain('value="a&quot;b"');
    expect(out).toContain('<p class="error" id="error_username">taken &lt;now&gt;</p>');
    expect(out).not.toContain('secret');
    expect(out).toContain('<p class="help">8+</p>');
    expect(page('T<', html`x`)).toContain('<title>T&lt; – My Clair Account</title>');
  });

  it('follows next only to paths of this site', () => {
    expect(safeNext('/dashboard/sites/1?x=1')).toBe('/dashboard/sites/1?x=1');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'dashboard',
      '/a\nb',
      undefined,
      3,
    ]) {
      expect(safeNext(bad)).toBe('/dashboard');
    }
  });
});

describe('account mails', () => {
  it('are worded as the original allauth texts', () => {
    const confirm = confirmationMail(
      'a@b.de',
      'anna',
      'clair.example',
      'https://clair.example/accounts/confirm-email/k/',
    );
    expect(confirm.subject).toBe('[Clair Plattform] Please Confirm Your E-mail Address');
    expect(confirm.text).toMatch(/^Hello from Clair Plattform!/);
    expect(confirm.text).toContain(
      "You're receiving this e-mail because user anna has given your e-mail address to register an account on clair.example.",
    );
    expect(confirm.text).toContain('To confirm this is correct, go to https://clair.example/accounts/confirm-email/k/');
    expect(confirm.text).toMatch(/Thank you for using Clair Plattform!\n$/);
    const reset = passwordResetMail('a@b.de', 'anna', 'https://clair.example/accounts/password/reset/key/k/');
    expect(reset.subject).toBe('[Clair Plattform] Password Reset E-mail');
    expect(reset.text).toContain('https://clair.example/accounts/password/reset/key/k/');
    expect(reset.text).toContain('your username is anna');
  });
});
