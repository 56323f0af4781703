import type { Messages } from '../i18n/messages';

/** Words someone wrote (a decline reason), in the reader's quotation marks. */
export function quote(text: string, t: Messages['common']): string {
  return `${t.quoteOpen}${text}${t.quoteClose}`;
}
