"""The register of every rule and number a person sees, with its source and evidence grade.

Why a register in code: the numbers live in ``training`` and ``gait.cues``, the
reasons in ``docs/science``. Kept apart they drift. Here each rule names the constants
it rests on (with their values, checked against the code by tests/science), the numbers
a person reads in its sentences, its sources and an evidence grade. The table in
docs/science/rules.md is rendered from this list (``render_markdown``;
``scripts/update_science_docs.py`` rewrites it), and tests/science checks that every
number in a person-visible string of ``training`` and ``gait.cues`` belongs to a rule.

Grades:

- **strong**: a large study, a standard equation or a consensus method, used as published;
- **moderate**: one good study or a few agreeing small ones, used in their own setting;
- **weak**: small, indirect, derived or extrapolated (e.g. from forward to backward);
- **project's own**: our choice, a rule of thumb or an input limit, said as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field

GRADES = ("strong", "moderate", "weak", "project's own")


@dataclass(frozen=True)
class Rule:
    """One rule: what it says, its numbers, the constants behind them and the source."""

    id: str
    what: str
    numbers: tuple[str, ...]
    source: str
    grade: str
    constants: dict[str, object] = field(default_factory=dict)  # "module:NAME" -> value


_TR = "backstride.training"
RULES: tuple[Rule, ...] = (
    # --- energy -------------------------------------------------------------------------
    Rule(
        "energy.forward-cost",
        "Forward cost: ACSM walking VO2 = 0.1 v + 3.5, running 0.2 v + 3.5 (ml/kg/min, "
        "v in m/min); 1 MET = 3.5; kcal/min = MET x 3.5 x kg / 200",
        ("0.1", "0.2", "3.5", "200"),
        "ACSM's Guidelines for Exercise Testing and Prescription (metabolic equations)",
        "strong",
        {f"{_TR}.energy:REST_VO2": 3.5},
    ),
    Rule(
        "energy.net-ratio",
        "The backward/forward ratio scales the net cost (VO2 above 3.5), then rest is added",
        ("3.5",),
        "the studies compare the cost of moving: Hreljac et al. 2005 subtract standing "
        "VO2; Rasica et al. 2020 (cost of transport); Wright & Weyand 2001",
        "moderate",
    ),
    Rule(
        "energy.run-ratio",
        "Backward running and jogging cost 1.35x forward, net (range 1.29-1.41)",
        ("1.35", "1.29", "1.41"),
        "Wright & Weyand 2001 (+35 +- 6 % at 3.0 m/s, N = 4); Rasica et al. 2020 "
        "(+35 % at 0-25 % gradient, N = 8)",
        "moderate",
    ),
    Rule(
        "energy.walk-1.12",
        "Backward walking at 1.12 m/s: net ratio 1.40 (range 1.22-1.60)",
        ("1.12", "1.40", "1.22", "1.60", "4"),
        "Hooper et al. 2004 (+17-20 % on 5-10 % grades); incline study DBpia "
        "NODE08826885 (+31-41 % VO2 at 4 km/h); derived with the ACSM equations",
        "weak",
    ),
    Rule(
        "energy.walk-1.56",
        "Backward walking at 1.56 m/s: net ratio 1.52 (range 1.52-1.87)",
        ("1.56", "1.52", "1.87", "5.6"),
        "Compendium of Physical Activities, Ainsworth et al. 2011 (6.0 vs 4.3 MET); ACSM",
        "weak",
    ),
    Rule(
        "energy.walk-1.79",
        "Backward walking at 1.79 m/s: net ratio 2.47 (range 2.19-2.75)",
        ("1.79", "2.47", "2.19", "2.75"),
        "Flynn et al. 1994 (60 % of VO2peak), with a VO2peak of 45-55 ml/kg/min assumed",
        "weak",
    ),
    Rule(
        "energy.walk-1.85",
        "Backward walking at 1.85 m/s: net ratio 2.70 (range 2.58-2.82), where walking and "
        "running backward cost the same; most people switch to a jog near 5.9 km/h",
        ("1.85", "2.70", "2.58", "2.82", "5.9"),
        "Hreljac et al. 2005 (energetically optimal transition 1.85 m/s, preferred 1.63 m/s)",
        "weak",
    ),
    Rule(
        "energy.equation-ranges",
        "Figures are rough outside the equations' ranges: walking 3-6 km/h, running 8 km/h up",
        ("3", "6", "8"),
        "ACSM metabolic equations (validated ranges)",
        "strong",
    ),
    Rule(
        "energy.drills",
        "Drills are costed as backward walking at their pace (default 3.0 km/h)",
        ("3.0",),
        "no study measured backward drills",
        "project's own",
    ),
    Rule(
        "energy.default-speeds",
        "Speeds assumed when a block has none: walk 3.6, jog 6.0, run 8.0 km/h",
        ("3.6", "6.0", "8.0"),
        "KU-HAR backward-walk protocol; Hreljac et al. 2005; Sterzing et al. 2016",
        "project's own",
    ),
    Rule(
        "energy.input-limits",
        "Speed above 0 and at most 30 km/h; body mass 20-300 kg; 70 kg when unknown",
        ("0", "30", "20", "300", "70"),
        "input limits",
        "project's own",
        {f"{_TR}.energy:MAX_SPEED_KMH": 30.0, f"{_TR}.energy:DEFAULT_MASS_KG": 70.0},
    ),
    # --- load ---------------------------------------------------------------------------
    Rule(
        "load.session-rpe",
        "Session load = RPE (0-10) x minutes",
        ("0", "10"),
        "Foster et al. 2001",
        "strong",
    ),
    Rule(
        "load.trends",
        "7-day and 42-day trend lines, lambda = 1/N (fatigue and fitness time constants)",
        ("7", "42", "1"),
        "Banister et al. 1975; Allen & Coggan's performance-management chart (ATL/CTL, "
        "as in TrainingPeaks)",
        "moderate",
        {f"{_TR}.load:ACUTE_DAYS": 7, f"{_TR}.load:CHRONIC_DAYS": 42},
    ),
    Rule(
        "load.acwr",
        "Acute:chronic ratio = 7-day / 28-day EWMA (lambda = 2/(N+1)), read against "
        "0.8-1.3, shown only after 28 days (4 weeks) of history, never as a risk verdict",
        ("7", "28", "4", "0.8", "1.3"),
        "Williams et al. 2017 (EWMA 7:28); Gabbett 2016 (0.8-1.3 from 7:28-day ratios); "
        "Impellizzeri et al. 2020 (limits of the ratio)",
        "weak",
        {
            f"{_TR}.load:ACWR_CHRONIC_DAYS": 28,
            f"{_TR}.load:ACWR_BAND": (0.8, 1.3),
            f"{_TR}.load:ACWR_MIN_HISTORY_DAYS": 28,
        },
    ),
    Rule(
        "load.monotony-alert",
        "Monotony (mean / SD of 7 days) above 2.0: alert",
        ("2.0", "7"),
        "Foster 1998",
        "moderate",
        {f"{_TR}.load:MONOTONY_ALERT": 2.0},
    ),
    Rule(
        "load.monotony-warning",
        "Monotony above 1.5: a softer note, said to be our own early warning",
        ("1.5",),
        "our own threshold",
        "project's own",
        {f"{_TR}.load:MONOTONY_WARNING": 1.5},
    ),
    Rule(
        "load.single-session-spike",
        "A session more than 10 % above the longest of the 30 days before it is flagged",
        ("10", "30"),
        "Frandsen et al. 2025, Br J Sports Med 59:1203 (5,205 runners; +10-30 % spikes HRR 1.64)",
        "moderate",
        {f"{_TR}.load:SPIKE_LIMIT": 1.10, f"{_TR}.load:SPIKE_LOOKBACK_DAYS": 30},
    ),
    # --- plans --------------------------------------------------------------------------
    Rule(
        "plans.session-cap",
        "Each planned session: backward time at most 10 % above the longest of the last 30 days",
        ("10", "30"),
        "Frandsen et al. 2025, Br J Sports Med 59:1203 (forward running distance)",
        "moderate",
        {
            f"{_TR}.plans.progression:SESSION_CAP_FACTOR": 1.10,
            f"{_TR}.plans.progression:CAP_WINDOW_DAYS": 30,
        },
    ),
    Rule(
        "plans.jog-cap",
        "Once jogging starts, backward jog/run time alone at most 10 % above the longest "
        "jog of the last 30 days",
        ("10", "30"),
        "Frandsen et al. 2025 (running distance), carried over to backward jogging",
        "weak",
    ),
    Rule(
        "plans.weekly-growth",
        "Weekly backward time and metres rise at most 10 %; every 4th week is lighter "
        "(about 65 %, at most 70 %)",
        ("10", "4", "65", "70"),
        "customary 10 % rule; deload rhythm of periodised plans",
        "project's own",
        {
            f"{_TR}.plans.progression:MAX_WEEKLY_GROWTH": 1.10,
            f"{_TR}.plans.progression:DELOAD_EVERY": 4,
            f"{_TR}.plans.progression:DELOAD_FACTOR": 0.65,
            f"{_TR}.plans.progression:DELOAD_CEILING": 0.70,
        },
    ),
    Rule(
        "plans.kneecap-claim",
        "The kneecap sentence ('about a quarter less peak force') only for runs at 7.2 km/h "
        "(2 m/s) and faster",
        ("7.2", "2"),
        "Roos et al. 2012 (3.4 vs 4.5 x BW at the same running speed); no reduction at "
        "1.0 m/s (Old Dominion University thesis 1998)",
        "moderate",
        {f"{_TR}.plans.catalogue:KNEECAP_CLAIM_MIN_KMH": 7.2},
    ),
    Rule(
        "plans.treadmill-start",
        "Treadmill belt starts at 0.8-1.6 km/h (0.5-1.0 mph); 2 m of clear floor behind",
        ("0.8", "1.6", "0.5", "1.0", "2"),
        "source article (starting range); our safety margin",
        "project's own",
        {f"{_TR}.plans.safety:TREADMILL_START_KMH": (0.8, 1.6)},
    ),
    Rule(
        "plans.speed-ladders",
        "Jogs start at 4.0 km/h (treadmill, after a 2.8 km/h walk) or 5.5 km/h (ground); "
        "jog speeds at most 70 % of an easy forward pace; low-intensity plans stop at 6.0",
        ("4.0", "2.8", "5.5", "70", "6.0"),
        "Sterzing et al. 2016 (backward at 70 % of forward speed); Hreljac et al. 2005 "
        "(walk-run transition); Fritz 2013 (older fallers below 0.6 m/s)",
        "weak",
        {
            f"{_TR}.plans.ladders:FIRST_TREADMILL_JOG_KMH": 4.0,
            f"{_TR}.plans.ladders:BRIDGE_KMH": 2.8,
            f"{_TR}.plans.ladders:FIRST_GROUND_JOG_KMH": 5.5,
            f"{_TR}.plans.ladders:BACKWARD_SHARE_OF_FORWARD": 0.70,
            f"{_TR}.plans.ladders:LOW_JOG_CEILING_KMH": 6.0,
        },
    ),
    Rule(
        "plans.pain-monitoring",
        "Pain 0-10: up to 3 fine, 4-5 hold, above 5 step back (and stop the block in "
        "knee rehab above 3); above 7 see a professional",
        ("0", "10", "3", "4", "5", "7", "8"),
        "Silbernagel et al. 2007 (pain-monitoring model); the referral at 7 is ours",
        "moderate",
        {
            f"{_TR}.adaptation:ACCEPTABLE_PAIN": 3,
            f"{_TR}.adaptation:HOLD_PAIN": 5,
            f"{_TR}.adaptation:REFER_PAIN": 7,
        },
    ),
    Rule(
        "plans.adaptation-steps",
        "Adapted sessions: progress by 1.0-1.1, hold one 10 % step below, regress to 70 %, "
        "never below 30 % of the plan",
        ("1.0", "1.1", "10", "70", "30", "0", "1"),
        "our rules around the 10 % cap (Frandsen et al. 2025)",
        "project's own",
        {f"{_TR}.adaptation:REGRESS_FACTOR": 0.7, f"{_TR}.adaptation:MIN_FACTOR": 0.3},
    ),
    Rule(
        "plans.form-cues",
        "Cue wording: elbows near 90 degrees; zig-zag cuts at 45 degrees every 5 m",
        ("90", "45", "5"),
        "source article; coaching practice",
        "project's own",
    ),
    Rule(
        "plans.screening-windows",
        "Screening looks back 12 months (dizziness, falls) and 6 months (surgery, injury); "
        "65 and over counts as an older adult; a fragility fracture counts from age 50",
        ("12", "6", "65", "50"),
        "PAR-Q+ style questions; age line as in the older-adult literature (Laufer 2005, "
        "Fritz 2013)",
        "project's own",
        {f"{_TR}.screening:OLDER_ADULT_AGE": 65},
    ),
    Rule(
        "plans.input-limits",
        "Plans: 4-16 weeks, 2 or 3 sessions a week, age 10-100, 0-80 years of running, "
        "start between 2000 and 2100",
        ("4", "16", "2", "3", "10", "100", "0", "80"),
        "input limits",
        "project's own",
    ),
    Rule(
        "plans.move-within-week",
        "A moved session stays in its own week with a rest day between sessions (at least "
        "2 days apart); later sessions of the week move on, else the move is refused",
        ("2",),
        "the plan's own rule that no two sessions fall on consecutive days (progression.py)",
        "project's own",
        {f"{_TR}.overrides:MIN_GAP_DAYS": 2},
    ),
    Rule(
        "plans.coach-edit",
        "A coach's edit: 1-50 repeats, each repeat 5 s to 60 min, a note of up to 500 "
        "characters, and never more backward time than the plan set (its 10 % limits)",
        ("1", "50", "5", "60", "500", "10"),
        "input limits; the 10 % limits are plans.session-cap and plans.weekly-growth",
        "project's own",
        {
            f"{_TR}.overrides:MAX_REPEATS": 50,
            f"{_TR}.overrides:MAX_BLOCK_SECONDS": 3600.0,
            f"{_TR}.overrides:MAX_NOTE": 500,
        },
    ),
    # --- units --------------------------------------------------------------------------
    Rule(
        "units.conversions",
        "Distances in km or miles (1 mile = 1609.344 m), short ones (under 1000 m) in "
        "metres or yards (1 yard = 0.9144 m), speeds in km/h, mph or a pace",
        ("1609.344", "0.9144", "1000"),
        "international yard and pound agreement (1959) for the mile and the yard; the "
        "1000 m switch to long units is our own",
        "strong",
        {
            f"{_TR}.units:METERS_PER_MILE": 1609.344,
            f"{_TR}.units:METERS_PER_YARD": 0.9144,
            f"{_TR}.units:SHORT_METERS": 1000.0,
        },
    ),
    # --- 3-metre backward walk test ----------------------------------------------------
    Rule(
        "balance.protocol",
        "3-metre backward walk test: walk 3 m backward at a comfortable pace; times in "
        "seconds to 0.01 s; a repeat test every 28 days",
        ("3", "0.01", "28"),
        "Carter et al. 2019, J Geriatr Phys Ther (protocol); the 4-week repeat is ours",
        "moderate",
        {f"{_TR}.balance_test:REPEAT_AFTER_DAYS": 28},
    ),
    Rule(
        "balance.cutoffs-older",
        "Older adults: 3.0 s or less low fall risk, 4.5 s or more high (Carter 2019); "
        "5.5 s in 483 community-dwelling adults (mean age 76, 101 fallers), AUC 0.655, "
        "sensitivity 59.5 %, specificity 68.6 % (Polo-Ferrero 2025)",
        ("3.0", "4.5", "5.5", "483", "76", "101", "0.655", "59.5", "68.6"),
        "Carter et al. 2019; Polo-Ferrero et al. 2025, J Funct Morphol Kinesiol",
        "moderate",
    ),
    Rule(
        "balance.cutoffs-parkinsons",
        "Parkinson's disease: 4.2 s, AUC 0.699, in 175 people followed for falls",
        ("4.2", "0.699", "175"),
        "Carter et al. 2020, Top Geriatr Rehabil",
        "moderate",
    ),
    Rule(
        "balance.mdc",
        "A change between tests is real only beyond the minimal detectable change: 1.69 s "
        "in multiple sclerosis, 2.13 s in Parkinson's disease",
        ("1.69", "2.13"),
        "Söke et al. 2022, Int J Rehabil Res (MS); Kocer et al. 2023, Ir J Med Sci (PD)",
        "moderate",
    ),
    Rule(
        "balance.input-limits",
        "A timed 3 m walk must take more than 0 s, at least 1 s and at most 60 s",
        ("0", "1", "60"),
        "input limits",
        "project's own",
        {f"{_TR}.balance_test:MIN_TRIAL_S": 1.0, f"{_TR}.balance_test:MAX_TRIAL_S": 60.0},
    ),
    # --- gait cues ----------------------------------------------------------------------
    Rule(
        "cues.posture-head-arms",
        "Trunk lean 0-10 deg toward facing (watch -5 to 15); head -20 to 20 deg (watch "
        "30); elbow 75-105 deg (watch 60-120); arm lag 0-10 % (watch 20)",
        ("0", "10", "5", "15", "20", "30", "75", "105", "60", "120"),
        "Backstride rule of thumb",
        "project's own",
    ),
    Rule(
        "cues.shoulder-checks",
        "A look back every 5-15 s, alternating sides; judged from 15 s of backward travel",
        ("5", "15", "4"),
        "Backstride rule of thumb (source article: alternate shoulders)",
        "project's own",
    ),
    Rule(
        "cues.foot-strike",
        "No more than 10 % heel-first landings (watch 30 %), from at least 4 landings",
        ("10", "30", "4"),
        "Backstride rule of thumb; toes-first fits Cavagna et al. 2011 (soft landing)",
        "weak",
    ),
    Rule(
        "cues.leg-drive",
        "Knee 150-180 deg as the foot leaves the ground (watch 135); the hip is not judged",
        ("150", "180", "135"),
        "Backstride rule of thumb; the hip flexes through backward stance (Winter 1989)",
        "weak",
    ),
    Rule(
        "cues.knee-lift-stride",
        "Thigh 15-50 deg at its highest running, 10-40 walking; steps up to 0.5 (run) or "
        "0.35 (walk) x height",
        ("15", "50", "10", "40", "65", "5", "0.5", "0.35", "0.6", "0.45", "0"),
        "Backstride rule of thumb; backward steps are shorter (Uthoff et al. 2018, Laufer "
        "2005); smaller joint ranges backward (Arata 2000)",
        "weak",
    ),
    Rule(
        "cues.cadence-run",
        "Running cadence 160-220 steps/min (watch 145-235); below 2 m/s 140-220 (watch 125-235)",
        ("160", "220", "145", "235", "140", "125", "2"),
        "Backstride rule of thumb; backward step rate is higher than forward (Uthoff 2018)",
        "project's own",
        {"backstride.gait.cues:SLOW_RUN_MS": 2.0},
    ),
    Rule(
        "cues.cadence-walk",
        "Walking at 1 m/s or faster: expected cadence from the walk ratio (0.60 cm per "
        "step/min), ok -15 %/+40 %; slower, unknown speed or older adults: up to 140 ok, "
        "never judged too slow",
        ("1", "0.60", "140", "170", "0"),
        "Bogen et al. 2018 (walk ratio 0.60 in adults 70-81); Laufer 2005 (backward "
        "cadence as forward); Murakami & Otaka 2017 (ratio breaks below about 1 m/s)",
        "weak",
        {
            "backstride.gait.cues:WALK_RATIO_M_PER_SPM": 0.0060,
            "backstride.gait.cues:WALK_RATIO_MIN_SPEED_MS": 1.0,
            "backstride.gait.cues:ASSUMED_HEIGHT_M": 1.70,
        },
    ),
)


def rule(rule_id: str) -> Rule:
    """The rule with this id (KeyError names it when missing)."""
    for found in RULES:
        if found.id == rule_id:
            return found
    raise KeyError(f"no rule {rule_id!r} in backstride.evidence.RULES")


BEGIN = "<!-- rules: begin (generated from backstride.evidence) -->"
END = "<!-- rules: end -->"


def render_markdown() -> str:
    """The rules table for docs/science/rules.md, between its markers."""
    lines = [
        BEGIN,
        "| Rule | What a person sees | Numbers | Source | Grade |",
        "|---|---|---|---|---|",
    ]
    for r in RULES:
        cells = (f"`{r.id}`", r.what, ", ".join(r.numbers), r.source, r.grade)
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    lines.append(END)
    return "\n".join(lines)
