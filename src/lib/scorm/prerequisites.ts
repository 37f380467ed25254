/**
 * SCORM 1.2 `adlcp:prerequisites` (the AICC script subset, CAM 1.2 §2.3.2.4): identifiers of
 * items joined by `&` (and), `|` (or), `~` (not) and parentheses, an identifier optionally
 * compared with a status (`item = passed`, `item <> failed`, statuses also abbreviated to their
 * first letter) and sets `{a,b,c}` with an optional count `2*{a,b,c}`. A bare identifier holds when
 * that item is passed or completed. What the parser does not understand never locks a learner
 * out: an unreadable expression counts as met (and the import has kept it for staff to see).
 */
export type LessonStatus = 'passed' | 'completed' | 'failed' | 'incomplete' | 'browsed' | 'not attempted';

const STATUS_WORDS: Record<string, LessonStatus> = {
  passed: 'passed',
  p: 'passed',
  completed: 'completed',
  c: 'completed',
  failed: 'failed',
  f: 'failed',
  incomplete: 'incomplete',
  i: 'incomplete',
  browsed: 'browsed',
  b: 'browsed',
  'not attempted': 'not attempted',
  n: 'not attempted',
};

type Token = { kind: 'id'; value: string } | { kind: 'op'; value: string } | { kind: 'num'; value: number };

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(<>|[&|~(){},=*]|\d+(?=\s*\*)|"[^"]*"|[^\s&|~(){},=*<>"]+(?:\s+attempted)?)/gy;
  let match: RegExpExecArray | null;
  let index = 0;
  while (index < expression.length && (match = pattern.exec(expression))) {
    index = pattern.lastIndex;
    const text = match[1] ?? '';
    if (/^(<>|[&|~(){},=*])$/.test(text)) tokens.push({ kind: 'op', value: text });
    else if (/^\d+$/.test(text)) tokens.push({ kind: 'num', value: Number(text) });
    else tokens.push({ kind: 'id', value: text.replace(/^"|"$/g, '') });
  }
  if (expression.slice(index).trim()) throw new Error(`cannot read "${expression.slice(index)}"`);
  return tokens;
}

/**
 * Whether the prerequisites hold, given each item's lesson status (items never launched are
 * "not attempted"). Null or empty prerequisites always hold.
 */
export function prerequisitesMet(expression: string | null, statusOf: (identifier: string) => LessonStatus): boolean {
  if (!expression?.trim()) return true;
  let tokens: Token[];
  try {
    tokens = tokenize(expression);
  } catch {
    return true;
  }
  let position = 0;
  const peek = () => tokens[position];
  const take = () => tokens[position++];
  const expectOp = (value: string) => {
    const token = take();
    if (token?.kind !== 'op' || token.value !== value) throw new Error(`expected ${value}`);
  };

  const term = (): boolean => {
    const token = take();
    if (!token) throw new Error('unexpected end');
    if (token.kind === 'op' && token.value === '~') return !term();
    if (token.kind === 'op' && token.value === '(') {
      const value = or();
      expectOp(')');
      return value;
    }
    if (token.kind === 'num' || (token.kind === 'op' && token.value === '{')) {
      let needed = Infinity;
      if (token.kind === 'num') {
        needed = token.value;
        expectOp('*');
        expectOp('{');
      }
      const members: boolean[] = [];
      for (;;) {
        members.push(or());
        const next = take();
        if (next?.kind === 'op' && next.value === '}') break;
        if (next?.kind !== 'op' || next.value !== ',') throw new Error('expected , or }');
      }
      const met = members.filter(Boolean).length;
      return met >= (needed === Infinity ? members.length : needed);
    }
    if (token.kind !== 'id') throw new Error(`unexpected ${token.value}`);
    const status = statusOf(token.value);
    const next = peek();
    if (next?.kind === 'op' && (next.value === '=' || next.value === '<>')) {
      take();
      const word = take();
      const wanted = word?.kind === 'id' ? STATUS_WORDS[word.value.toLowerCase()] : undefined;
      if (!wanted) throw new Error('unknown status');
      return next.value === '=' ? status === wanted : status !== wanted;
    }
    return status === 'passed' || status === 'completed';
  };
  const and = (): boolean => {
    let value = term();
    while (peek()?.kind === 'op' && peek()?.value === '&') {
      take();
      value = term() && value;
    }
    return value;
  };
  const or = (): boolean => {
    let value = and();
    while (peek()?.kind === 'op' && peek()?.value === '|') {
      take();
      value = and() || value;
    }
    return value;
  };
  try {
    const result = or();
    return position === tokens.length ? result : true;
  } catch {
    return true;
  }
}
