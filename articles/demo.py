"""Demo health centers, conditions and articles, written by us in plain language.

Idempotent: everything is looked up by slug (images by their alt text) and only created
when missing, so a second run adds nothing. Sources name real organisations' pages by title,
publisher and address; no sentence is copied from them.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO

from django.utils import timezone
from PIL import Image, ImageDraw

from articles import services
from articles.condition_services import (
    ConsumerConditionInput,
    conditions_reindex,
    consumer_condition_upsert,
)
from articles.importers.conditions import ConsumerConditionsImporter
from articles.models import Article, ArticleImage, Condition
from articles.services import PageInput, SourceInput
from healthsite.importing import run_import

ACCESSED = dt.date(2026, 10, 1)


def _when(days_ago: int) -> dt.datetime:
    return timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) - dt.timedelta(
        days=days_ago
    )


# --- Pictures: simple shapes drawn with Pillow -------------------------------------------------


def _draw(kind: str) -> bytes:
    width, height = 1280, 720
    palettes = {
        "knee": ((225, 239, 250), (0, 94, 184), (255, 184, 28)),
        "runner": ((232, 245, 233), (0, 103, 71), (0, 94, 184)),
        "diabetes": ((255, 243, 224), (125, 85, 199), (218, 41, 28)),
        "heart": ((253, 236, 236), (218, 41, 28), (0, 48, 135)),
        "salt": ((240, 244, 245), (66, 84, 98), (0, 94, 184)),
    }
    background, main, accent = palettes[kind]
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    if kind == "knee":  # thigh and shin bones meeting at a round kneecap
        draw.rounded_rectangle((560, 40, 720, 330), radius=60, fill=main)
        draw.rounded_rectangle((560, 390, 720, 690), radius=60, fill=main)
        draw.ellipse((540, 270, 740, 450), fill=accent)
    elif kind == "runner":  # a running track and a sun
        for n in range(5):
            draw.arc(
                (80 + n * 30, 200 + n * 30, 1200 - n * 30, 900 - n * 30),
                180,
                360,
                fill=main,
                width=12,
            )
        draw.ellipse((980, 60, 1160, 240), fill=accent)
    elif kind == "diabetes":  # a drop of blood beside a meter
        draw.polygon([(420, 140), (300, 420), (540, 420)], fill=accent)
        draw.ellipse((300, 320, 540, 560), fill=accent)
        draw.rounded_rectangle((700, 160, 980, 560), radius=40, fill=main)
        draw.rectangle((750, 220, 930, 340), fill=background)
    elif kind == "heart":  # a heart made of two circles and a triangle
        draw.ellipse((420, 160, 660, 400), fill=main)
        draw.ellipse((620, 160, 860, 400), fill=main)
        draw.polygon([(432, 330), (848, 330), (640, 600)], fill=main)
        draw.line(
            (120, 640, 400, 640, 460, 560, 520, 700, 580, 640, 1160, 640), fill=accent, width=10
        )
    else:  # salt: a shaker and grains
        draw.rounded_rectangle((520, 220, 760, 620), radius=50, fill=main)
        draw.ellipse((540, 150, 740, 290), fill=accent)
        for n in range(12):
            draw.ellipse(
                (300 + n * 60, 80 + (n % 3) * 30, 312 + n * 60, 92 + (n % 3) * 30), fill=main
            )
    out = BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _image(kind: str, alt_text: str) -> ArticleImage:
    existing = ArticleImage.objects.filter(alt_text=alt_text).first()
    if existing:
        return existing
    return services.image_create(
        data=_draw(kind), filename=f"demo-{kind}.png", alt_text=alt_text, credit="Healthsite demo"
    )


# --- Text ---------------------------------------------------------------------------------------

RUNNERS_KNEE = [
    PageInput(
        "What it is and causes",
        """Runner's knee is a dull ache around or behind the kneecap. Doctors call it
patellofemoral pain syndrome. It is one of the most common reasons people who run, cycle or
play sport see a doctor about their knee. You do not have to be a runner to get it.

## How the knee works

Your kneecap sits in a groove at the end of your thigh bone. When you bend and straighten
your leg, the kneecap slides up and down in this groove. Muscles at the front of your thigh
and tendons around the knee keep it on track.

## What causes it

The pain usually comes from too much load on the joint behind the kneecap, or from the
kneecap not gliding smoothly. Things that make this more likely include:

- doing a lot more running, jumping or squatting than usual, or increasing it too fast
- weak thigh or hip muscles, so the kneecap is pulled slightly out of line
- tight muscles at the back or side of the thigh
- the shape of your feet, such as flat feet that roll inwards
- worn-out shoes or running a lot downhill

Runner's knee is not usually caused by one injury. It builds up over weeks.
""",
    ),
    PageInput(
        "Symptoms and diagnosis",
        """## Common symptoms

- a dull pain around or behind the kneecap
- pain that gets worse when you go down stairs or down a hill
- pain after sitting for a long time with your knees bent, such as in a cinema
- pain when you squat, kneel or jump
- a clicking or grinding feeling when you bend your knee (this is often harmless)

The pain may be in one knee or both. It often starts slowly.

## When to get help

See a doctor or physiotherapist if the pain has not got better after 2 weeks of rest and
self-care, or if it stops you doing your normal activities.

Get help the same day if your knee is very swollen, hot or red, if you cannot put weight on
it, if it gives way or locks, or if you also have a high temperature.

## How it is diagnosed

A doctor or physiotherapist will ask about your activity and your pain. They will look at how
you stand, walk and squat, and gently press around the kneecap. Most people do not need an
X-ray or a scan. Tests may be used if the pain is severe, if there was a fall or a twist, or if
the knee does not improve with treatment.
""",
    ),
    PageInput(
        "Treatment, recovery and prevention",
        """## Things you can do yourself

- Cut down on the activity that causes pain for a while, but keep moving in ways that
  do not hurt, such as swimming or gentle walking on flat ground.
- Hold an ice pack wrapped in a tea towel on the knee for up to 20 minutes, a few times a day.
- Take a simple painkiller such as paracetamol if you need it. Ask a pharmacist which is
  right for you.

## Exercises and physiotherapy

Exercises to strengthen the muscles of the thigh and hip are the most helpful treatment.
A physiotherapist can show you which ones to do and how to build them up. Most people notice
a difference after 6 weeks of regular exercise.

## Recovery

Many people get better within a few weeks to a few months. Go back to running slowly: start
with short, easy runs on flat ground and add a little more each week. A small amount of
discomfort is fine, but stop if the pain gets worse.

## Preventing it coming back

- increase running distance or speed a little at a time
- keep doing your strengthening exercises after the pain has gone
- replace running shoes when they are worn
- warm up before exercise and stretch afterwards
""",
    ),
]

SIMPLE_ARTICLES = [
    # slug, title, summary, center slug, condition slugs, tags, image kind, alt, body, sources
    (
        "knee-osteoarthritis",
        "Knee Osteoarthritis",
        "Why knees get stiff and painful as we get older, and what helps.",
        "knee-pain",
        ["knee-osteoarthritis", "knee-pain"],
        ["joints", "older adults", "exercise"],
        "knee",
        """Osteoarthritis is the most common cause of long-term knee pain in people over 50.
The smooth layer that covers the ends of the bones slowly gets thinner and rougher, so the
joint feels stiff and sore.

## Signs to look out for

- pain that is worse after activity and at the end of the day
- stiffness first thing in the morning that eases within half an hour
- a knee that feels weak or gives way
- swelling that comes and goes

## What helps

Staying active is one of the best things you can do. Walking, cycling and exercises that
strengthen the thigh muscles take pressure off the joint. Losing weight, if you are
overweight, reduces the load on your knees with every step. Painkillers, warm or cold packs
and a walking stick can help on bad days. Some people later need an injection or an
operation to replace the knee.
""",
        [
            ("Osteoarthritis", "NHS", "https://www.nhs.uk/conditions/osteoarthritis/"),
            (
                "Osteoarthritis",
                "MedlinePlus, National Library of Medicine",
                "https://medlineplus.gov/osteoarthritis.html",
            ),
        ],
    ),
    (
        "knee-ligament-injuries",
        "Knee Ligament Injuries",
        "Sprains and tears of the bands that hold the knee together.",
        "knee-pain",
        ["knee-pain"],
        ["sports injuries", "injury"],
        "knee",
        """Ligaments are strong bands that hold the bones of the knee together. A sudden
twist, a change of direction or a blow to the side of the knee can stretch or tear them.

## Signs of a ligament injury

- a pop or snap at the moment of injury
- swelling within a few hours
- a knee that feels loose or unstable

## What to do

Rest the knee, use an ice pack, keep the leg raised and get advice from a doctor if the knee
swells quickly or feels unstable. Mild sprains heal with rest and exercises. A complete tear
may need a brace, months of physiotherapy or an operation.
""",
        [
            (
                "Knee Injuries and Disorders",
                "MedlinePlus, National Library of Medicine",
                "https://medlineplus.gov/kneeinjuriesanddisorders.html",
            ),
        ],
    ),
    (
        "staying-active-with-knee-pain",
        "Staying Active With Knee Pain",
        "Gentle ways to keep moving that are kind to sore knees.",
        "knee-pain",
        ["knee-pain", "knee-osteoarthritis"],
        ["exercise", "joints"],
        "runner",
        """Resting a painful knee for a long time makes the muscles weaker, and weak muscles
make knee pain worse. Gentle, regular activity usually helps.

## Good choices

- swimming and exercise in water
- cycling on an exercise bike with the seat high enough
- walking on flat ground, building up a few minutes at a time
- simple strengthening, such as straightening the knee while sitting and holding for a count
  of five

## Listen to your knee

Some aching during and after exercise is normal. If pain is still worse the next morning,
do a little less next time. Stop and get advice if the knee swells or gives way.
""",
        [
            ("Knee pain", "NHS", "https://www.nhs.uk/conditions/knee-pain/"),
            (
                "Physical Activity for Arthritis",
                "Centers for Disease Control and Prevention",
                "https://www.cdc.gov/arthritis/physical-activity/index.html",
            ),
        ],
    ),
    (
        "type-2-diabetes-basics",
        "Type 2 Diabetes: The Basics",
        "What type 2 diabetes is, who gets it and how it is treated.",
        "diabetes",
        ["type-2-diabetes"],
        ["blood sugar", "long-term conditions"],
        "diabetes",
        """In type 2 diabetes the body does not respond well to insulin, the hormone that lets
sugar move from the blood into the cells. Sugar builds up in the blood. Over years, high
blood sugar can harm the eyes, kidneys, nerves, heart and feet.

## Who is more likely to get it

Being over 40, being overweight, having a parent or brother or sister with diabetes and
having had diabetes in pregnancy all raise the risk.

## Signs

Many people have no signs at first. Others feel very thirsty, pass urine often, feel tired,
lose weight without trying or get infections that keep coming back.

## Treatment

Healthy eating, more activity and weight loss can bring blood sugar down. Many people also
take tablets, and some need insulin. Regular check-ups find problems early.
""",
        [
            ("Type 2 diabetes", "NHS", "https://www.nhs.uk/conditions/type-2-diabetes/"),
            (
                "What Is Diabetes?",
                "National Institute of Diabetes and Digestive and Kidney Diseases",
                "https://www.niddk.nih.gov/health-information/diabetes/overview/what-is-diabetes",
            ),
        ],
    ),
    (
        "checking-your-blood-sugar",
        "Checking Your Blood Sugar at Home",
        "How and when to test, and what the numbers mean for you.",
        "diabetes",
        ["type-2-diabetes"],
        ["blood sugar", "self-care"],
        "diabetes",
        """Testing your blood sugar at home shows how food, activity and medicine affect you.
Not everyone with type 2 diabetes needs to test every day: ask your care team what is right
for you.

## How to test with a finger-prick meter

1. Wash and dry your hands.
2. Prick the side of a fingertip with the lancet.
3. Touch the drop of blood to the test strip.
4. Write down the number, the time and what you had eaten.

## What the numbers mean

Your care team will give you your own target range. Tell them if your readings are often
above or below it. Very low readings with shaking, sweating or confusion need sugar straight
away.
""",
        [
            (
                "Manage Blood Sugar",
                "Centers for Disease Control and Prevention",
                "https://www.cdc.gov/diabetes/treatment/index.html",
            ),
        ],
    ),
    (
        "diabetes-foot-care",
        "Looking After Your Feet With Diabetes",
        "A daily foot check takes two minutes and can prevent serious problems.",
        "diabetes",
        ["type-2-diabetes"],
        ["self-care", "long-term conditions"],
        "diabetes",
        """Diabetes can reduce the feeling in your feet and slow healing. A small cut or
blister you do not notice can turn into an ulcer.

## Every day

- look at your feet, including between the toes and the soles; use a mirror if you need to
- wash and dry them well, and use a moisturiser but not between the toes
- wear shoes and socks that fit and do not rub

## Get help quickly

See your doctor or foot specialist the same day if you find a cut, blister, redness, swelling
or a change in colour that does not get better.
""",
        [
            (
                "Diabetic Foot",
                "MedlinePlus, National Library of Medicine",
                "https://medlineplus.gov/diabeticfoot.html",
            ),
        ],
    ),
    (
        "high-blood-pressure-explained",
        "High Blood Pressure Explained",
        "Why blood pressure matters, what the numbers mean and how to lower it.",
        "heart-health",
        ["high-blood-pressure"],
        ["heart", "long-term conditions"],
        "heart",
        """Blood pressure is the force of blood pushing on the walls of your arteries. When it
stays high, the heart works harder and the arteries are damaged over time. This raises the
risk of heart attack, stroke and kidney disease.

## Most people feel nothing

High blood pressure rarely causes symptoms, which is why it is worth having it checked,
at least every few years and more often if you are over 40.

## The two numbers

A reading such as 120/80 gives the pressure while the heart beats (the top number) and
while it rests between beats (the bottom number).

## Bringing it down

Eating less salt, being more active, keeping to a healthy weight, drinking less alcohol and
not smoking all help. Many people also need one or more medicines.
""",
        [
            (
                "High Blood Pressure",
                "National Heart, Lung, and Blood Institute",
                "https://www.nhlbi.nih.gov/health/high-blood-pressure",
            ),
            (
                "High blood pressure (hypertension)",
                "NHS",
                "https://www.nhs.uk/conditions/high-blood-pressure-hypertension/",
            ),
        ],
    ),
    (
        "eating-less-salt",
        "Eating Less Salt",
        "Simple swaps that cut the salt in your food without losing the taste.",
        "heart-health",
        ["high-blood-pressure"],
        ["heart", "healthy eating"],
        "salt",
        """Most of the salt we eat is already in food when we buy it: bread, cheese, ready
meals, soups and sauces. Cutting down helps lower blood pressure.

## Easy swaps

- compare labels and choose the product with less salt
- flavour food with herbs, spices, lemon or garlic instead of salt
- taste before you add salt at the table
- cook from fresh when you can

Your taste buds get used to less salt within a few weeks.
""",
        [
            (
                "Sodium in Your Diet",
                "U.S. Food and Drug Administration",
                "https://www.fda.gov/food/nutrition-education-resources-materials/sodium-your-diet",
            ),
        ],
    ),
    (
        "heart-attack-warning-signs",
        "Heart Attack Warning Signs",
        "Know the signs and act fast: call for an ambulance straight away.",
        "heart-health",
        ["heart-attack"],
        ["heart", "emergencies"],
        "heart",
        """A heart attack happens when the blood supply to part of the heart is suddenly
blocked. Getting help fast saves lives and heart muscle.

## Signs to act on

- chest pain, pressure or tightness that lasts more than a few minutes or comes back
- pain that spreads to the arms, neck, jaw, back or stomach
- feeling short of breath, sick, sweaty or light-headed

Women, older people and people with diabetes more often have signs other than chest pain.

## What to do

Call your local emergency number straight away. Do not drive yourself to hospital. Sit down
and rest while you wait.
""",
        [
            (
                "Warning Signs of a Heart Attack",
                "American Heart Association",
                "https://www.heart.org/en/health-topics/heart-attack/warning-signs-of-a-heart-attack",
            ),
            ("Heart attack", "NHS", "https://www.nhs.uk/conditions/heart-attack/"),
        ],
    ),
]

CONDITIONS = [
    (
        "knee-pain",
        "Knee pain",
        ["sore knee", "painful knee"],
        "Pain in or around the knee joint, from injury, overuse or wear.",
        "Bones, joints and muscles",
    ),
    (
        "runners-knee",
        "Runner's knee",
        ["patellofemoral pain syndrome", "anterior knee pain"],
        "An ache around or behind the kneecap, common in people who run or play sport.",
        "Bones, joints and muscles",
    ),
    (
        "knee-osteoarthritis",
        "Knee osteoarthritis",
        ["arthritis of the knee", "wear and tear of the knee"],
        "Long-term stiffness and pain as the knee joint's smooth surface wears.",
        "Bones, joints and muscles",
    ),
    (
        "type-2-diabetes",
        "Type 2 diabetes",
        ["type 2 diabetes mellitus", "adult-onset diabetes"],
        "A long-term condition in which blood sugar stays too high.",
        "Diabetes and hormones",
    ),
    (
        "high-blood-pressure",
        "High blood pressure",
        ["hypertension"],
        "Blood pressure that stays higher than it should, usually without symptoms.",
        "Heart and blood vessels",
    ),
    (
        "heart-attack",
        "Heart attack",
        ["myocardial infarction"],
        "A sudden block in the blood supply to part of the heart: a medical emergency.",
        "Heart and blood vessels",
    ),
]

CENTERS = [
    (
        "knee-pain",
        "Knee Pain Health Center",
        "Causes of knee pain, how to ease it and when to get help.",
        """Knee pain is very common at every age. It can come from an injury, from doing too
much, or from wear over many years. Most knee pain gets better with rest, the right
exercises and time. Start with our guide to runner's knee or read about osteoarthritis.""",
        ["knee-pain", "runners-knee", "knee-osteoarthritis"],
        "knee",
    ),
    (
        "diabetes",
        "Diabetes Health Center",
        "Living well with diabetes: blood sugar, food, feet and check-ups.",
        """Diabetes is a long-term condition, but with the right care most people live full
and active lives. These guides explain the basics and the everyday checks that prevent
problems.""",
        ["type-2-diabetes"],
        "diabetes",
    ),
    (
        "heart-health",
        "Heart Health Center",
        "Blood pressure, heart attacks and everyday ways to protect your heart.",
        """Heart disease is one of the most common causes of serious illness, and much of it
can be prevented. Learn what the numbers mean, the signs of an emergency and the small
changes that help.""",
        ["high-blood-pressure", "heart-attack"],
        "heart",
    ),
]

ALT = {
    "knee": "Drawing of a knee joint: the thigh bone and shin bone meeting at a round kneecap",
    "runner": "Drawing of a curved running track under a yellow sun",
    "diabetes": "Drawing of a drop of blood beside a blood sugar meter",
    "heart": "Drawing of a red heart above a heartbeat line",
    "salt": "Drawing of a salt shaker with grains of salt around it",
}


def load(*, stdout) -> None:
    created = 0
    reviewers = [
        services.contributor_upsert(name="Amara Okafor", credentials="MD", role="Family doctor"),
        services.contributor_upsert(
            name="Daniel Reyes", credentials="PT, DPT", role="Sports physiotherapist"
        ),
        services.contributor_upsert(
            name="Priya Natarajan", credentials="MD, FACP", role="Internal medicine physician"
        ),
    ]
    writer = services.contributor_upsert(name="Healthsite editorial team")

    # Our consumer conditions first (articles/conditions/*.toml); the demo's own few fill
    # in only the slugs the files do not have yet, as consumer conditions too.
    run = run_import(ConsumerConditionsImporter())
    created += run.created
    conditions = {}
    for slug, name, synonyms, summary, area in CONDITIONS:
        condition = Condition.objects.filter(slug=slug, kind=Condition.Kind.CONSUMER).first()
        if condition is None:
            condition, _outcome = consumer_condition_upsert(
                entry=ConsumerConditionInput(
                    slug=slug, name=name, also_known_as=tuple(synonyms), summary=summary, area=area
                )
            )
            created += 1
        conditions[slug] = condition
    if created:
        conditions_reindex()

    centers = {}
    for slug, title, summary, intro, condition_slugs, kind in CENTERS:
        center = (
            services.health_center_upsert(
                slug=slug,
                title=title,
                summary=summary,
                introduction=intro,
                hero_image=_image(kind, ALT[kind]),
                conditions=[conditions[s] for s in condition_slugs],
            )
            if not _center_exists(slug)
            else _center(slug)
        )
        centers[slug] = center

    if not Article.objects.filter(slug="runners-knee").exists():
        services.article_upsert(
            slug="runners-knee",
            title="Runner's Knee",
            summary=(
                "Why the front of your knee aches when you run, climb stairs or sit for long,"
                " and how to get better."
            ),
            pages=RUNNERS_KNEE,
            status=Article.Status.PUBLISHED,
            publish_at=_when(3),
            author=writer,
            medical_reviewer=reviewers[1],
            last_reviewed_on=dt.date(2026, 9, 15),
            next_review_due=dt.date(2027, 9, 15),
            sources=[
                SourceInput(
                    "Patellofemoral Pain Syndrome",
                    "OrthoInfo, American Academy of Orthopaedic Surgeons",
                    "https://orthoinfo.aaos.org/en/diseases--conditions/patellofemoral-pain-syndrome/",
                    ACCESSED,
                ),
                SourceInput(
                    "Knee pain", "NHS", "https://www.nhs.uk/conditions/knee-pain/", ACCESSED
                ),
                SourceInput(
                    "Knee Injuries and Disorders",
                    "MedlinePlus, National Library of Medicine",
                    "https://medlineplus.gov/kneeinjuriesanddisorders.html",
                    ACCESSED,
                ),
            ],
            health_centers=[centers["knee-pain"]],
            conditions=[conditions["runners-knee"], conditions["knee-pain"]],
            tags=["running", "sports injuries", "joints", "exercise"],
            hero_image=_image("runner", ALT["runner"]),
        )
        created += 1

    for n, (slug, title, summary, center, cond, tags, kind, body, sources) in enumerate(
        SIMPLE_ARTICLES
    ):
        if Article.objects.filter(slug=slug).exists():
            continue
        services.article_upsert(
            slug=slug,
            title=title,
            summary=summary,
            pages=[PageInput(title, body)],
            status=Article.Status.PUBLISHED,
            publish_at=_when(5 + n * 4),
            author=writer,
            medical_reviewer=reviewers[0 if n % 2 else 2],
            last_reviewed_on=dt.date(2026, 8, 1) - dt.timedelta(days=n * 20),
            next_review_due=dt.date(2027, 8, 1) - dt.timedelta(days=n * 20),
            sources=[SourceInput(t, p, u, ACCESSED) for t, p, u in sources],
            health_centers=[centers[center]],
            conditions=[conditions[s] for s in cond],
            tags=tags,
            hero_image=_image(kind, ALT[kind]) if kind else None,
        )
        created += 1

    if not Article.objects.filter(slug="kneecap-bursitis").exists():
        # A draft, to show editors the workflow: readers never see it.
        services.article_upsert(
            slug="kneecap-bursitis",
            title="Kneecap Bursitis",
            summary="Swelling at the front of the knee from kneeling a lot.",
            pages=[PageInput("Kneecap Bursitis", "Draft: to be written.")],
            status=Article.Status.DRAFT,
            author=writer,
            health_centers=[centers["knee-pain"]],
            conditions=[conditions["knee-pain"]],
        )
        created += 1

    knee = centers["knee-pain"]
    if not knee.feature_links.exists():
        services.health_center_set_featured(
            center=knee,
            articles=list(
                Article.objects.filter(slug__in=["runners-knee", "knee-osteoarthritis"]).order_by(
                    "-slug"
                )
            ),
        )
    runners = Article.objects.get(slug="runners-knee")
    if not runners.related_to_links.exists():
        services.article_set_related(
            article=runners,
            related=[Article.objects.get(slug="staying-active-with-knee-pain")],
        )
    stdout.write(f"  articles: {created} new conditions/articles")


def _center_exists(slug: str) -> bool:
    from articles.models import HealthCenter

    return HealthCenter.objects.filter(slug=slug).exists()


def _center(slug: str):
    from articles.models import HealthCenter

    return HealthCenter.objects.get(slug=slug)
