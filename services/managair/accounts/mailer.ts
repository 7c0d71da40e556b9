import nodemailer from 'nodemailer';

/**
 * Sends the account e-mails over SMTP (the original's backend, original-clair.md §3.1). Without
 * SMTP settings there is no mailer: the pages and endpoints that must send mail say so instead.
 */
export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  /** The From address, e.g. `Clair Plattform <noreply@clair.example>`. */
  from: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send: (message: MailMessage) => Promise<void>;
  close: () => void;
}

export function createMailer(options: SmtpOptions): Mailer {
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure,
    ...(options.user === undefined ? {} : { auth: { user: options.user, pass: options.password ?? '' } }),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    send: async (message) => {
      await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text });
    },
    close: () => transport.close(),
  };
}
