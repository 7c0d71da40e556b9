import type { MailMessage } from './mailer';

/**
 * The account e-mails, worded as the original's allauth templates (original-clair.md §3.4): a
 * subject prefix, and every body wrapped in a greeting and a thank-you naming the site.
 */
export const subjectPrefix = '[Clair Plattform] ';
export const siteName = 'Clair Plattform';

function wrap(body: string): string {
  return `Hello from ${siteName}!\n\n${body}\n\nThank you for using ${siteName}!\n`;
}

export function confirmationMail(to: string, username: string, domain: string, activateUrl: string): MailMessage {
  return {
    to,
    subject: `${subjectPrefix}Please Confirm Your E-mail Address`,
    text: wrap(
      `You're receiving this e-mail because user ${username} has given your e-mail address to register an account on ${domain}.\n\n` +
        `To confirm this is correct, go to ${activateUrl}`,
    ),
  };
}

export function passwordResetMail(to: string, username: string, resetUrl: string): MailMessage {
  return {
    to,
    subject: `${subjectPrefix}Password Reset E-mail`,
    text: wrap(
      `You're receiving this e-mail because you or someone else has requested a password for your user account.\n` +
        `It can be safely ignored if you did not request a password reset. Click the link below to reset your password.\n\n` +
        `${resetUrl}\n\nIn case you forgot, your username is ${username}.`,
    ),
  };
}
