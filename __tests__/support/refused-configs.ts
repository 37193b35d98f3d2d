/**
 * Fleet config texts the loader refuses, shared by the unit tier (which loads them in process) and
 * the slow tier (which gives them to the app in a fresh process), with the problems they report.
 */

/** A JSON config whose account lists us-east-1 twice (JSON.parse would keep only the second). */
export const REGION_TWICE_JSON = `{
  "name": "ecs-highres",
  "accounts": [
    {
      "id": "111111111111",
      "regions": {
        "us-east-1": { "clusters": ["prod-api"] },
        "us-east-1": { "clusters": ["prod-workers"] }
      }
    }
  ]
}
`;
export const REGION_TWICE_JSON_PROBLEM =
  'accounts[0].regions.us-east-1: region us-east-1 is listed twice in this account (line 8, column 9; also at line 7, column 9): list each region once and put all its clusters under it';

export const REGION_TWICE_YAML = `name: ecs-highres
accounts:
  - id: "111111111111"
    regions:
      us-east-1:
        clusters: [prod-api]
      us-east-1:
        clusters: [prod-workers]
`;
export const REGION_TWICE_YAML_PROBLEM =
  'accounts[0].regions.us-east-1: region us-east-1 is listed twice in this account (line 7, column 7; also at line 5, column 7): list each region once and put all its clusters under it';

/** How deep the nesting attacks nest. */
export const DEEP = 5_000;
export const deepJson = () => `{"name":"ecs-highres","accounts":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`;
export const deepFlowYaml = () => `name: ecs-highres\naccounts: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`;
/** Ten anchors, each a list of ten aliases of the one before: 10^10 strings once expanded. */
export function aliasBomb(): string {
  const lines = ['name: ecs-highres', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++)
    lines.push(
      `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\naccounts: []\n`;
}

/** The problem of a key naming an object's prototype. */
export const refused = (path: string, key: string) =>
  `${path}: the key "${key}" is not allowed: it names a JavaScript object's prototype and could change what the config means; remove or rename it`;

/** A top-level `__proto__` that would become the backend if read through. */
export const PROTO_BACKEND_JSON =
  '{"name":"ecs-highres","__proto__":{"backend":{"type":"s3","bucket":"xyz","region":"us-east-1"}},' +
  '"accounts":[{"id":"111111111111","regions":{"us-east-1":{"clusters":["a"]}}}]}';

/** The problems of a string Terraform would read as a template. */
export const interpolation = (value: string) =>
  `${JSON.stringify(value)} contains "\${": Terraform would evaluate it as a template interpolation instead of taking the text literally; remove the "\${"`;
export const directive = (value: string) =>
  `${JSON.stringify(value)} contains "%{": Terraform would evaluate it as a template directive instead of taking the text literally; remove the "%{"`;

/** The issue's attack: the roles got the machine's hostname as their path. */
export const HOSTNAME_PATH = '/${replace(file("/etc/hostname"),"\\n","")}/';
