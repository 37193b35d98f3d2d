/**
 * Any well-formed region name is accepted (AWS opens regions after a release), with a warning at
 * synth when it is not one known at release; malformed names are refused; both suggest the known
 * region a name nearly matches. The app synthesizing such a region, with its warning, is in the slow
 * tier (__tests__/slow/cli/app-fleet-configs.test.ts).
 */
import { App, Testing } from 'cdktf';
import { MetricsFleet, validateFleetConfig } from '../../../modules/subpaths/fleet';
import { regionNameProblem, unknownRegionWarning } from '../../../modules/common/region-names';
import { problemsOf, validConfig } from '../../support/fleet-config';

const SHAPE = 'a region name is lowercase words and a number joined by hyphens, such as us-east-1 or eu-west-1';
const unknown = (name: string, hint = '') =>
  `"${name}" is not a region known to this release: ${hint}it is used as given, so check the name unless AWS opened the region after this release`;

describe('region names', () => {
  test.each([['us-east-1'], ['us-gov-west-1'], ['cn-northwest-1'], ['eusc-de-east-1'], ['ap-southeast-7'], ['xx-future-12']])('%s is well formed', (name) => {
    expect(regionNameProblem(name)).toBeUndefined();
  });

  test.each([
    ['US-EAST-1', `"US-EAST-1" is not a region name: did you mean "us-east-1"? ${SHAPE}`],
    ['useast1', `"useast1" is not a region name: did you mean "us-east-1"? ${SHAPE}`],
    ['moon', `"moon" is not a region name: ${SHAPE}`],
    ['us-east-1 ', `"us-east-1 " is not a region name: did you mean "us-east-1"? ${SHAPE}`],
    ['', `"" is not a region name: ${SHAPE}`],
  ])('%j is malformed', (name, problem) => {
    expect(regionNameProblem(name)).toBe(problem);
  });

  test('a known region gets no warning; an unknown one does, with the near miss it may be', () => {
    expect(unknownRegionWarning('eu-west-1')).toBeUndefined();
    expect(unknownRegionWarning('us-eats-1')).toBe(unknown('us-eats-1', 'did you mean "us-east-1"? '));
    expect(unknownRegionWarning('xx-future-1')).toBe(unknown('xx-future-1'));
  });
});

/** The example config with a region AWS opened after this release, and an S3 backend in another. */
function withNewRegions(): any {
  const config = validConfig();
  config.accounts[0].regions['xx-future-1'] = { clusters: ['a'] };
  config.backend = { type: 's3', bucket: 'acme-state', region: 'xx-state-1' };
  return config;
}
const REGION_WARNING = `accounts[0].regions.xx-future-1: ${unknown('xx-future-1')}`;
const BACKEND_WARNING = `backend.region: ${unknown('xx-state-1')}`;

test('a config naming regions not known at release is valid', () => {
  expect(problemsOf(() => validateFleetConfig({ ...withNewRegions(), accounts: [] }))).toEqual(['accounts: no accounts: list at least one account']);
  expect(validateFleetConfig(withNewRegions()).accounts[0].regions).toHaveProperty(['xx-future-1']);
});

test('MetricsFleet lists the warnings and puts each on the stacks it concerns', () => {
  const fleet = new MetricsFleet(Testing.app(), 'fleet', { config: withNewRegions() });
  expect(fleet.warnings).toEqual([REGION_WARNING, BACKEND_WARNING]);
  const warningsOf = (name: string) =>
    fleet.stacks
      .find((stack) => stack.node.id === name)!
      .node.metadata.filter((m) => m.type === '@cdktf/warn')
      .map((m) => m.data);
  expect(warningsOf('ecs-highres-111111111111-xx-future-1')).toEqual([REGION_WARNING, BACKEND_WARNING]);
  expect(warningsOf('ecs-highres-111111111111-us-east-1')).toEqual([BACKEND_WARNING]);
});

test('a fleet of known regions has no warnings', () => {
  expect(new MetricsFleet(new App(), 'fleet', { config: validConfig() }).warnings).toEqual([]);
});
