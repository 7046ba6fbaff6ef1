/** The few jstat functions used by src/core/distributions.ts (jstat ships no types). */
declare module 'jstat' {
  interface JStatStatic {
    studentt: {
      cdf(x: number, dof: number): number;
      inv(p: number, dof: number): number;
    };
    normal: {
      cdf(x: number, mean: number, std: number): number;
      inv(p: number, mean: number, std: number): number;
    };
  }
  const jStat: JStatStatic;
  export default jStat;
}
