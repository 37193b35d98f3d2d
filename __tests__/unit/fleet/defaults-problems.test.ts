/**
 * A problem of a setting written in `defaults` is reported once, at `defaults.…` where the user
 * wrote it, not under every account-region that inherits it; and `["*"]` for a cluster's services
 * points at the bare `"*"`.
 */
import { validateFleetConfig } from '../../../modules/fleet/load-config';
import { problemsOf } from '../../support/fleet-config';

const SHORT_PERIOD = (interval: number) =>
  `alarms[0].periodSeconds: 10 s is shorter than the pipeline's ${interval} s interval, so some periods would hold no datum: use a period of at least 30 s`;

/** A fleet of two accounts with `regions` each, a 10 s alarm in defaults, and `edit` applied. */
function fleet(regions: string[], edit: (config: any) => void = () => undefined): any {
  const config: any = {
    name: 'ecs-highres',
    defaults: { intervalSeconds: 15, alarms: [{ metric: 'PendingTask', comparison: 'GreaterThanThreshold', threshold: 5, periodSeconds: 10 }] },
    accounts: ['111111111111', '222222222222'].map((id) => ({
      id,
      regions: Object.fromEntries(regions.map((region) => [region, { clusters: ['a'] }])),
    })),
  };
  edit(config);
  return config;
}

test('a default that fails in every account-region is reported once, at defaults', () => {
  expect(problemsOf(() => validateFleetConfig(fleet(['us-east-1', 'eu-west-1'])))).toEqual([`defaults.${SHORT_PERIOD(15)}`]);
});

test('a default that fails in some account-regions is reported once, at defaults, naming them', () => {
  const config = fleet(['us-east-1', 'eu-west-1'], (c) => {
    c.defaults.intervalSeconds = 5;
    c.accounts[1].regions['eu-west-1'].intervalSeconds = 15;
  });
  expect(problemsOf(() => validateFleetConfig(config))).toEqual([`defaults.${SHORT_PERIOD(15)} (in accounts[1].regions.eu-west-1)`]);
});

test('a long list of account-regions is cut after three', () => {
  const config = fleet(['us-east-1', 'eu-west-1', 'us-west-2'], (c) => (c.accounts[0].regions['us-east-1'].intervalSeconds = 5));
  expect(problemsOf(() => validateFleetConfig(config))).toEqual([
    `defaults.${SHORT_PERIOD(15)} (in accounts[0].regions.eu-west-1, accounts[0].regions.us-west-2, accounts[1].regions.us-east-1 and 2 more)`,
  ]);
});

test('a region that sets the setting itself has its problem reported under its own path', () => {
  const config = fleet(['us-east-1'], (c) => {
    c.defaults.alarms[0].periodSeconds = 30;
    c.accounts[0].regions['us-east-1'].alarms = [{ ...c.defaults.alarms[0], periodSeconds: 10 }];
  });
  expect(problemsOf(() => validateFleetConfig(config))).toEqual([`accounts[0].regions.us-east-1.${SHORT_PERIOD(15)}`]);
});

describe('services: ["*"]', () => {
  const STAR_IN_LIST = '"*" in a list is a service named "*": for all services of the cluster, give "*" itself, without the list';

  test('in a region, the bare "*" is suggested', () => {
    const config = fleet(['us-east-1'], (c) => {
      delete c.defaults.alarms;
      c.accounts[0].regions['us-east-1'].services = { a: ['*'] };
    });
    expect(problemsOf(() => validateFleetConfig(config))).toEqual([`accounts[0].regions.us-east-1.services.a[0]: ${STAR_IN_LIST}`]);
  });

  test('in defaults, the same, once', () => {
    const config = fleet(['us-east-1'], (c) => {
      delete c.defaults.alarms;
      c.defaults.services = { a: ['*'] };
    });
    expect(problemsOf(() => validateFleetConfig(config))).toEqual([`defaults.services.a[0]: ${STAR_IN_LIST}`]);
  });
});
