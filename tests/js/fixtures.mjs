// Sessions shaped like the plan export (`backstride plan --format json`), trimmed.

/** Week 1 of a runner plan, as the CLI exported it on 2026-11-27 (cues trimmed). */
export function weekOneSession() {
  return structuredClone(WEEK_ONE);
}

/** One-minute repeats (23 s forward, 37 s backward), `minutes` of them: for timing checks. */
export function longSession(minutes) {
  return {
    uid: 'long', title: 'Long', environment: 'track', safety_checklist: [],
    blocks: [
      { kind: 'main', name: 'Intervals', direction: 'mixed', mode: 'jog', repeats: minutes,
        seconds: 37, meters: null, forward_seconds: 23, rest_seconds: 0, speed_kmh: 6 },
    ],
  };
}

const WEEK_ONE = {
  "uid": "bs-a51fbf459643f0a9deb5",
  "date": "2026-11-30",
  "title": "Week 1: backward walking technique",
  "environment": "track",
  "safety_checklist": [
    "Walk the route first: it must be clear of obstacles, people and holes.",
    "Look over alternate shoulders every few steps while moving backward."
  ],
  "blocks": [
    {
      "kind": "warmup",
      "name": "Easy backward walk",
      "direction": "backward",
      "mode": "walk",
      "repeats": 1,
      "seconds": 150.0,
      "meters": null,
      "rest_seconds": 0.0,
      "speed_kmh": 3.0,
      "forward_seconds": null,
      "cues": [
        "Stand tall with your chest a touch ahead of your hips."
      ]
    },
    {
      "kind": "drill",
      "name": "Backward high-knee march",
      "direction": "backward",
      "mode": "drill",
      "repeats": 2,
      "seconds": 20.0,
      "meters": null,
      "rest_seconds": 30.0,
      "speed_kmh": null,
      "forward_seconds": null,
      "cues": [
        "Stand tall with your chest a touch ahead of your hips."
      ]
    },
    {
      "kind": "drill",
      "name": "Backward heel-flick walk",
      "direction": "backward",
      "mode": "drill",
      "repeats": 2,
      "seconds": 20.0,
      "meters": null,
      "rest_seconds": 30.0,
      "speed_kmh": null,
      "forward_seconds": null,
      "cues": [
        "Stand tall with your chest a touch ahead of your hips."
      ]
    },
    {
      "kind": "main",
      "name": "Backward walk intervals",
      "direction": "backward",
      "mode": "walk",
      "repeats": 6,
      "seconds": 45.0,
      "meters": null,
      "rest_seconds": 30.0,
      "speed_kmh": 3.0,
      "forward_seconds": null,
      "cues": [
        "Stand tall with your chest a touch ahead of your hips."
      ]
    },
    {
      "kind": "cooldown",
      "name": "Slow backward walk",
      "direction": "backward",
      "mode": "walk",
      "repeats": 1,
      "seconds": 120.0,
      "meters": null,
      "rest_seconds": 0.0,
      "speed_kmh": 3.0,
      "forward_seconds": null,
      "cues": [
        "Stand tall with your chest a touch ahead of your hips."
      ]
    }
  ]
};
