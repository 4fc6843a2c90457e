import type { Point } from './homography';
import type { Quad } from './render-code';
import type { Rng } from './rng';

/** How a camera sees a flat square: its pose relative to the optical axis. Angles in radians. */
export interface Pose {
  /** In-plane rotation. */
  roll: number;
  /** Tilt about the horizontal axis (top edge nearer or farther). */
  pitch: number;
  /** Tilt about the vertical axis. */
  yaw: number;
  /** Camera distance in units of the square's side: small = close-up wide-angle, strong keystone. */
  distance: number;
}

export const flat: Pose = { roll: 0, pitch: 0, yaw: 0, distance: 1e6 };

export function randomPose(rng: Rng, maxTiltDeg: number, maxRollDeg = 180): Pose {
  const deg = Math.PI / 180;
  return {
    roll: rng.range(-maxRollDeg, maxRollDeg) * deg,
    pitch: rng.range(-maxTiltDeg, maxTiltDeg) * deg,
    yaw: rng.range(-maxTiltDeg, maxTiltDeg) * deg,
    distance: rng.range(1.6, 3.5),
  };
}

/**
 * The image positions of a square surface of `side` pixels (as seen head-on at its centre) under a pinhole
 * camera with the given pose, placed so the whole quad lies inside a width×height frame (shrunk if needed).
 */
export function placeSquare(rng: Rng, width: number, height: number, side: number, pose: Pose): Quad {
  for (let attempt = 0; ; attempt++) {
    const quad = project(pose, side * Math.pow(0.9, attempt));
    const xs = quad.map((p) => p[0]);
    const ys = quad.map((p) => p[1]);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const freeX = width - 4 - (maxX - minX);
    const freeY = height - 4 - (maxY - minY);
    if (freeX < 0 || freeY < 0) continue;
    const dx = 2 - minX + rng.range(0, freeX);
    const dy = 2 - minY + rng.range(0, freeY);
    return quad.map(([x, y]) => [x + dx, y + dy] as Point) as unknown as Quad;
  }
}

function project(pose: Pose, side: number): Quad {
  const corners: Point[] = [
    [-0.5, -0.5],
    [0.5, -0.5],
    [0.5, 0.5],
    [-0.5, 0.5],
  ];
  const { roll, pitch, yaw, distance } = pose;
  return corners.map(([x0, y0]) => {
    // roll about z, then pitch about x, then yaw about y; camera on the z axis looking at the origin.
    const x1 = x0 * Math.cos(roll) - y0 * Math.sin(roll);
    const y1 = x0 * Math.sin(roll) + y0 * Math.cos(roll);
    const y2 = y1 * Math.cos(pitch);
    const z2 = y1 * Math.sin(pitch);
    const x3 = x1 * Math.cos(yaw) + z2 * Math.sin(yaw);
    const z3 = -x1 * Math.sin(yaw) + z2 * Math.cos(yaw);
    const scale = (side * distance) / (distance + z3);
    return [x3 * scale, y2 * scale] as Point;
  }) as unknown as Quad;
}
