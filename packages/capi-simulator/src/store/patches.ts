import { InputError } from '@backstage/errors';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 7386 JSON merge patch: objects merge, null deletes, anything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) {
    return patch;
  }
  const result: Record<string, unknown> = isPlainObject(target)
    ? { ...target }
    : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      result[key] = applyMergePatch(result[key], value);
    }
  }
  return result;
}

interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  from?: string;
  value?: Json;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '') {
    return [];
  }
  if (!pointer.startsWith('/')) {
    throw new InputError(`JSON patch path "${pointer}" must start with "/"`);
  }
  return pointer
    .slice(1)
    .split('/')
    .map(token => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(document: unknown, tokens: string[], pointer: string) {
  let node: unknown = document;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(node)) {
      node = node[Number(token)];
    } else if (isPlainObject(node)) {
      node = node[token];
    } else {
      node = undefined;
    }
    if (node === undefined) {
      throw new InputError(`JSON patch path "${pointer}" does not exist`);
    }
  }
  return { parent: node, last: tokens[tokens.length - 1] };
}

function getAt(document: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) return document;
  const { parent, last } = parentOf(document, tokens, pointer);
  let value: unknown;
  if (Array.isArray(parent)) value = parent[Number(last)];
  else if (isPlainObject(parent)) value = parent[last];
  if (value === undefined) {
    throw new InputError(`JSON patch path "${pointer}" does not exist`);
  }
  return value;
}

function removeAt(document: unknown, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  const { parent, last } = parentOf(document, tokens, pointer);
  if (Array.isArray(parent)) {
    const index = Number(last);
    if (!(index >= 0 && index < parent.length)) {
      throw new InputError(`JSON patch path "${pointer}" does not exist`);
    }
    return parent.splice(index, 1)[0];
  }
  if (isPlainObject(parent) && last in parent) {
    const value = parent[last];
    delete parent[last];
    return value;
  }
  throw new InputError(`JSON patch path "${pointer}" does not exist`);
}

function addAt(
  document: unknown,
  pointer: string,
  value: unknown,
  replace: boolean,
) {
  const tokens = parsePointer(pointer);
  if (tokens.length === 0) {
    throw new InputError('JSON patch cannot replace the whole object');
  }
  const { parent, last } = parentOf(document, tokens, pointer);
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (
      !(index >= 0 && index <= parent.length) ||
      (replace && index >= parent.length)
    ) {
      throw new InputError(`JSON patch path "${pointer}" is out of range`);
    }
    parent.splice(index, replace ? 1 : 0, value);
  } else if (isPlainObject(parent)) {
    if (replace && !(last in parent)) {
      throw new InputError(`JSON patch path "${pointer}" does not exist`);
    }
    parent[last] = value;
  } else {
    throw new InputError(`JSON patch path "${pointer}" does not exist`);
  }
}

/** RFC 6902 JSON patch, applied to a copy of the document. */
export function applyJsonPatch(
  document: unknown,
  operations: unknown,
): unknown {
  if (!Array.isArray(operations)) {
    throw new InputError('a JSON patch must be an array of operations');
  }
  const result = structuredClone(document);
  for (const raw of operations as JsonPatchOperation[]) {
    if (!isPlainObject(raw) || typeof raw.path !== 'string') {
      throw new InputError('each JSON patch operation needs "op" and "path"');
    }
    switch (raw.op) {
      case 'add':
        addAt(result, raw.path, structuredClone(raw.value), false);
        break;
      case 'replace':
        addAt(result, raw.path, structuredClone(raw.value), true);
        break;
      case 'remove':
        removeAt(result, raw.path);
        break;
      case 'move':
        addAt(result, raw.path, removeAt(result, raw.from ?? ''), false);
        break;
      case 'copy':
        addAt(
          result,
          raw.path,
          structuredClone(getAt(result, raw.from ?? '')),
          false,
        );
        break;
      case 'test':
        if (
          JSON.stringify(getAt(result, raw.path)) !== JSON.stringify(raw.value)
        ) {
          throw new InputError(`JSON patch test failed at "${raw.path}"`);
        }
        break;
      default:
        throw new InputError(
          `unknown JSON patch operation "${String(
            (raw as { op: unknown }).op,
          )}"`,
        );
    }
  }
  return result;
}
