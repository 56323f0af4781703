import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * The one logger. JSON lines in production, readable lines in development. Log case, study
 * and session keys; never a patient's name, identifier or image. The redaction list is a
 * safety net for mistakes, not a licence to log whole objects.
 */
export function createLogger(options: { level: string; pretty: boolean }): Logger {
  return pino({
    level: options.level,
    base: { service: 'archipel' },
    redact: {
      paths: [
        'password',
        '*.password',
        'passwordHash',
        '*.passwordHash',
        'patientName',
        '*.patientName',
        'PatientName',
        '*.PatientName',
        'PatientID',
        '*.PatientID',
        'req.headers.cookie',
        'req.headers.authorization',
      ],
      censor: '[redacted]',
    },
    transport: options.pretty
      ? { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss' } }
      : undefined,
  });
}
