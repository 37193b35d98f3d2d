/**
 * The part of CloudWatch metric math that the library's alarms write, evaluated over one period's
 * data points, as the CloudWatch User Guide documents it ("Metric math syntax and functions",
 * using-metric-math.md in awsdocs/amazon-cloudwatch-user-guide):
 * - arithmetic `+ - * /`: a missing value counts as 0; a division by zero drops the data point;
 * - comparisons `== != <= >= < >` and logical `AND && OR ||` give 1 or 0, a missing value counting as 0;
 * - `IF(condition, trueValue[, falseValue])`: no condition point, no point; true: trueValue (0
 *   where it has no point); false: falseValue, or no point when it is omitted or has none.
 * Anything else is refused, so a test never passes on an expression this does not understand.
 */

/** A period's value of each query id; undefined: no data point. */
export type PeriodValues = Readonly<Record<string, number | undefined>>;

type Token = { kind: 'number'; value: number } | { kind: 'id'; value: string } | { kind: 'op'; value: string };

function tokens(expression: string): Token[] {
  const out: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(>=|<=|==|!=|&&|\|\||[-+*/(),<>]))/y;
  let at = 0;
  while (at < expression.length) {
    if (/^\s*$/.test(expression.slice(at))) break;
    pattern.lastIndex = at;
    const m = pattern.exec(expression);
    if (!m) throw new Error(`metric math: cannot read "${expression.slice(at)}" in ${expression}`);
    at = pattern.lastIndex;
    if (m[1] !== undefined) out.push({ kind: 'number', value: Number(m[1]) });
    else if (m[2] !== undefined) out.push(m[2] === 'AND' || m[2] === 'OR' ? { kind: 'op', value: m[2] } : { kind: 'id', value: m[2] });
    else out.push({ kind: 'op', value: m[3] });
  }
  return out;
}

type Value = number | undefined;
const orZero = (v: Value) => v ?? 0;

/** The expression's value over one period, from the period's value of every query id it names. */
export function evaluateMetricMath(expression: string, values: PeriodValues): Value {
  const t = tokens(expression);
  let i = 0;
  const peek = () => t[i];
  const isOp = (...ops: string[]) => peek()?.kind === 'op' && ops.includes(peek()!.value as string);
  const expect = (op: string) => {
    if (!isOp(op)) throw new Error(`metric math: expected "${op}" at token ${i} of ${expression}`);
    i++;
  };
  const binary = (a: Value, b: Value, f: (x: number, y: number) => number | undefined): Value =>
    a === undefined && b === undefined ? undefined : f(orZero(a), orZero(b));
  const or = (): Value => {
    let left = and();
    while (isOp('OR', '||')) {
      i++;
      const right = and();
      left = binary(left, right, (x, y) => (x !== 0 || y !== 0 ? 1 : 0));
    }
    return left;
  };
  const and = (): Value => {
    let left = comparison();
    while (isOp('AND', '&&')) {
      i++;
      const right = comparison();
      left = binary(left, right, (x, y) => (x !== 0 && y !== 0 ? 1 : 0));
    }
    return left;
  };
  const COMPARE: Record<string, (x: number, y: number) => boolean> = {
    '>=': (x, y) => x >= y,
    '<=': (x, y) => x <= y,
    '==': (x, y) => x === y,
    '!=': (x, y) => x !== y,
    '>': (x, y) => x > y,
    '<': (x, y) => x < y,
  };
  const comparison = (): Value => {
    const left = sum();
    if (!isOp(...Object.keys(COMPARE))) return left;
    const op = t[i++].value as string;
    const right = sum();
    return binary(left, right, (x, y) => (COMPARE[op](x, y) ? 1 : 0));
  };
  const sum = (): Value => {
    let left = product();
    while (isOp('+', '-')) {
      const op = t[i++].value;
      const right = product();
      left = binary(left, right, (x, y) => (op === '+' ? x + y : x - y));
    }
    return left;
  };
  const product = (): Value => {
    let left = unary();
    while (isOp('*', '/')) {
      const op = t[i++].value;
      const right = unary();
      left = binary(left, right, (x, y) => (op === '*' ? x * y : y === 0 ? undefined : x / y));
    }
    return left;
  };
  const unary = (): Value => {
    if (isOp('-')) {
      i++;
      const v = unary();
      return v === undefined ? undefined : -v;
    }
    return primary();
  };
  const primary = (): Value => {
    const token = t[i++];
    if (!token) throw new Error(`metric math: ${expression} ends early`);
    if (token.kind === 'number') return token.value;
    if (token.kind === 'op' && token.value === '(') {
      const v = or();
      expect(')');
      return v;
    }
    if (token.kind === 'id' && token.value === 'IF') {
      expect('(');
      const condition = or();
      expect(',');
      const whenTrue = or();
      let whenFalse: Value;
      const hasFalse = isOp(',');
      if (hasFalse) {
        i++;
        whenFalse = or();
      }
      expect(')');
      if (condition === undefined) return undefined;
      if (condition !== 0) return orZero(whenTrue);
      return hasFalse ? whenFalse : undefined;
    }
    if (token.kind === 'id' && /^[a-z]/.test(token.value)) {
      if (!(token.value in values)) throw new Error(`metric math: ${token.value} is no query of ${expression}`);
      return values[token.value];
    }
    throw new Error(`metric math: "${token.value}" is not supported here (in ${expression})`);
  };
  const result = or();
  if (i !== t.length) throw new Error(`metric math: unread tokens after ${i} in ${expression}`);
  return result;
}

/** One query of an alarm's metric_query, as Terraform JSON holds it. */
export interface SynthesizedMetricQuery {
  readonly id: string;
  readonly expression?: string;
  readonly return_data?: boolean;
  readonly metric?: { readonly stat: string };
}

/**
 * The value of the query a metric math alarm watches (return_data) over one period, from each
 * statistic the alarm's metrics read (by CloudWatch's name: Sum, SampleCount, Maximum…); a
 * period without data has none of them. Expressions may use the ids of earlier queries.
 */
export function alarmValue(queries: readonly SynthesizedMetricQuery[], statistics: Readonly<Record<string, number>> | undefined): Value {
  const values: Record<string, number | undefined> = {};
  for (const q of queries) {
    if (q.metric) values[q.id] = statistics?.[q.metric.stat];
    else if (q.expression) values[q.id] = evaluateMetricMath(q.expression, values);
    else throw new Error(`query ${q.id} has neither a metric nor an expression`);
  }
  const watched = queries.filter((q) => q.return_data);
  if (watched.length !== 1) throw new Error(`an alarm watches exactly one query, here ${watched.length}`);
  return values[watched[0].id];
}
