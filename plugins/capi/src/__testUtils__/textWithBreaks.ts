/**
 * An element's text with "|" where a `<wbr>` lets the line break; the
 * folded details (`<div>`s) beneath a name are left out.
 */
export function textWithBreaks(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node.nodeName === 'WBR') return '|';
  if (node.nodeName === 'DIV') return '';
  return Array.from(node.childNodes).map(textWithBreaks).join('');
}
