/** A piece of a chat message: plain text, or a web address shown as a link. */
export type ChatPart = { text: string } | { text: string; href: string };

const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence, not the address it follows ("see https://x.org."). */
const TRAILING = /[.,;:!?)\]}]+$/;

/**
 * A message as pieces to show: text stays text (the page puts it in text nodes, never in
 * markup), and only http and https addresses become links; anything else, however it
 * looks (`javascript:`, `data:`), is text.
 */
export function chatParts(text: string): ChatPart[] {
  const parts: ChatPart[] = [];
  let from = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    const address = match[0].replace(TRAILING, "");
    const href = safeHref(address);
    if (!href) continue;
    if (match.index > from) parts.push({ text: text.slice(from, match.index) });
    parts.push({ text: address, href });
    from = match.index + address.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from) });
  return parts;
}

function safeHref(address: string): string | undefined {
  try {
    const url = new URL(address);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}
