/**
 * The EU emblem's geometry (EU visibility rules): on a 3:2 blue field of height h, twelve gold
 * five-pointed stars on a circle of radius h/3, each star of radius h/18, every star upright.
 * Shared by the web page footer (SVG) and the certificates (pdfkit) so both draw the same flag.
 */
export const EU_BLUE = '#003399';
export const EU_GOLD = '#FFCC00';

/** The twelve stars as polygons of ten [x, y] points each, for a field of the given height. */
export function euEmblemStars(height: number): [number, number][][] {
  const centerX = (height * 1.5) / 2;
  const centerY = height / 2;
  const outer = height / 18;
  const inner = outer * ((3 - Math.sqrt(5)) / 2); // a regular five-pointed star
  return Array.from({ length: 12 }, (_, star) => {
    const angle = (star * Math.PI) / 6;
    const starX = centerX + (height / 3) * Math.sin(angle);
    const starY = centerY - (height / 3) * Math.cos(angle);
    return Array.from({ length: 10 }, (_, point): [number, number] => {
      const radius = point % 2 === 0 ? outer : inner;
      const pointAngle = (point * Math.PI) / 5; // point 0 straight up
      return [starX + radius * Math.sin(pointAngle), starY - radius * Math.cos(pointAngle)];
    });
  });
}

/**
 * The flag's SVG content in a 60 × 40 viewBox, built once per process: every page's footer
 * shows it, and one string costs less to render than thirteen elements.
 */
export const EU_EMBLEM_SVG_CONTENT: string = [
  `<rect width="60" height="40" fill="${EU_BLUE}"/>`,
  ...euEmblemStars(40).map(
    (points) =>
      `<polygon points="${points.map(([x, y]) => `${x.toFixed(2)},${y.toFixed(2)}`).join(' ')}" fill="${EU_GOLD}"/>`,
  ),
].join('');
