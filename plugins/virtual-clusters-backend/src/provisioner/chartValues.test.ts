import { chartValuesProblem, mergeValues } from './chartValues';

describe('chartValuesProblem', () => {
  it("accepts the chart's own keys, maps open to any key included", () => {
    expect(
      chartValuesProblem(
        {
          sync: { toHost: { ingresses: { enabled: true } } },
          controlPlane: {
            statefulSet: { annotations: { 'example.com/team': 'a' } },
          },
          policies: { podSecurityStandard: 'baseline' },
        },
        '0.32.0',
      ),
    ).toBeUndefined();
  });

  it('names the first unknown key and what is known there', () => {
    expect(
      chartValuesProblem({ controlPlane: { statefullSet: {} } }, '0.33.0'),
    ).toMatch(
      /^'controlPlane\.statefullSet' is not a value of the vcluster chart 0\.33\.x \(values\.schema\.json of 0\.33\.0; known under 'controlPlane': .*statefulSet.*\)$/,
    );
    expect(chartValuesProblem({ colour: 'blue' }, '0.32.3')).toMatch(
      /^'colour' is not a value of the vcluster chart 0\.32\.x \(values\.schema\.json of 0\.32\.3; known at the top: .*controlPlane.*\)$/,
    );
  });

  it('refuses to guess for a chart line whose keys are not known', () => {
    expect(chartValuesProblem({ sync: {} }, '0.30.1')).toBe(
      'advanced values can be checked against the vcluster chart lines 0.32, 0.33 only; chart 0.30.1 is of another line',
    );
  });
});

describe('mergeValues', () => {
  it('merges maps key by key and replaces anything else, as helm does', () => {
    expect(
      mergeValues(
        { a: { b: 1, c: [1, 2] }, d: 'x' },
        { a: { c: [3], e: true }, d: { f: 1 } },
      ),
    ).toEqual({ a: { b: 1, c: [3], e: true }, d: { f: 1 } });
  });
});
