"""Demo monographs, written by the Healthsite project in plain language (not copied from
labels or other sites). Sample content only: the site labels it as such on every page.

Each entry: name, kind, class, brand names, ingredient names (as the FDA lists them, so
imported data joins the same drug), conditions, and the monograph sections.
"""

from __future__ import annotations

NSAID_STOMACH = (
    "Stomach pain, indigestion, feeling sick, heartburn, diarrhoea or constipation, "
    "headache and dizziness."
)
NSAID_SERIOUS = (
    "Get medical help straight away if you notice black or bloody stools, vomit that is "
    "bloody or looks like coffee grounds, chest pain, shortness of breath, weakness on one "
    "side of the body, slurred speech, swelling of the face or throat, or much less urine "
    "than usual."
)
NSAID_PREGNANCY = (
    "Avoid it in the last three months of pregnancy, when it can harm the baby's heart and "
    "kidneys. Earlier in pregnancy, use it only if a doctor advises it."
)
NSAID_INTERACTIONS = (
    "Do not take it with other anti-inflammatory pain relievers (such as aspirin at pain "
    "relief doses, ibuprofen or naproxen). Take extra care with blood thinners such as "
    "warfarin, steroid tablets, some antidepressants (SSRIs), blood pressure medicines and "
    "water tablets, lithium and methotrexate."
)
TABLET_STORAGE = "Keep at room temperature, away from heat and damp, out of reach of children."
MISSED_AS_NEEDED = "You take it only when you need it, so there is no missed dose to make up."
MISSED_DAILY = (
    "Take it when you remember, unless it is nearly time for the next dose: then skip the "
    "missed one. Never take two doses at once to make up."
)
OVERDOSE_CALL = (
    "If you have taken too much, call your local poison centre or emergency number now, "
    "even if you feel well. Take the packet with you."
)

MONOGRAPHS: list[dict] = [
    {
        "name": "Ibuprofen",
        "kind": "otc",
        "drug_class": "Non-steroidal anti-inflammatory drug (NSAID)",
        "brands": ["Advil", "Motrin", "Nurofen"],
        "ingredients": ["IBUPROFEN"],
        "conditions": ["Knee pain", "Osteoarthritis", "Headache", "Fever", "Period pain"],
        "summary": "A pain reliever that also brings down swelling and fever.",
        "uses": "Ibuprofen eases mild to moderate pain such as headache, toothache, period "
        "pain, back pain, sprains and the pain and stiffness of arthritis, including knee "
        "pain. It also lowers a high temperature.",
        "how_to_take": "Take it with or just after food or a glass of milk to protect your "
        "stomach. Adults usually take 200 to 400 mg every 4 to 6 hours when needed. Do not "
        "take more than the packet says, and use the lowest dose for the shortest time.",
        "side_effects_common": NSAID_STOMACH,
        "side_effects_serious": NSAID_SERIOUS,
        "precautions_pregnancy": NSAID_PREGNANCY,
        "precautions_breastfeeding": "Usually fine at normal doses for short periods; only "
        "tiny amounts pass into breast milk.",
        "precautions_alcohol": "Drinking alcohol while taking ibuprofen raises the risk of "
        "stomach bleeding. Keep to small amounts.",
        "precautions_other": "Ask a doctor first if you have had a stomach ulcer, asthma "
        "that gets worse with pain relievers, heart, kidney or liver disease, or high blood "
        "pressure, or if you are over 65.",
        "interactions": NSAID_INTERACTIONS,
        "overdose": OVERDOSE_CALL + " Too much ibuprofen can cause stomach pain, sickness, "
        "drowsiness and, rarely, fits or kidney damage.",
        "missed_dose": MISSED_AS_NEEDED,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Naproxen",
        "kind": "otc",
        "drug_class": "Non-steroidal anti-inflammatory drug (NSAID)",
        "brands": ["Aleve", "Naprosyn", "Anaprox"],
        "ingredients": ["NAPROXEN SODIUM"],
        "conditions": ["Knee pain", "Osteoarthritis", "Rheumatoid arthritis", "Period pain"],
        "summary": "A longer-acting anti-inflammatory pain reliever.",
        "uses": "Naproxen relieves pain, swelling and stiffness from arthritis, sprains, "
        "tendon problems, gout and period pain. Its effect lasts longer than ibuprofen's, so "
        "it is taken less often.",
        "how_to_take": "Take it with food and a full glass of water. Over-the-counter "
        "naproxen is usually one tablet every 8 to 12 hours. Prescription doses are set by "
        "your doctor.",
        "side_effects_common": NSAID_STOMACH + " Some people also get ringing in the ears.",
        "side_effects_serious": NSAID_SERIOUS,
        "precautions_pregnancy": NSAID_PREGNANCY,
        "precautions_breastfeeding": "Small amounts pass into milk. Ask your doctor; "
        "ibuprofen is often preferred while breastfeeding.",
        "precautions_alcohol": "Alcohol adds to the risk of stomach bleeding.",
        "precautions_other": "Ask first if you have a history of stomach ulcers, heart "
        "disease, stroke, kidney problems or asthma.",
        "interactions": NSAID_INTERACTIONS,
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Acetaminophen",
        "kind": "otc",
        "drug_class": "Pain reliever and fever reducer (analgesic)",
        "brands": ["Tylenol", "Panadol"],
        "other_names": ["Paracetamol", "APAP"],
        "ingredients": ["ACETAMINOPHEN"],
        "conditions": ["Knee pain", "Osteoarthritis", "Headache", "Fever"],
        "summary": "A common pain reliever and fever reducer that is gentle on the stomach.",
        "uses": "Acetaminophen (called paracetamol in many countries) eases mild to moderate "
        "pain such as headache, toothache, back pain and arthritis pain, and lowers fever. "
        "It does not reduce swelling.",
        "how_to_take": "Adults usually take 500 mg to 1,000 mg every 4 to 6 hours, with no "
        "more than 3,000 to 4,000 mg in 24 hours. Check every other medicine you take: many "
        "cold and flu remedies also contain acetaminophen.",
        "side_effects_common": "Side effects are uncommon at normal doses.",
        "side_effects_serious": "Stop and get help if you get a rash, peeling skin or "
        "swelling of the face, or yellow skin or eyes.",
        "precautions_pregnancy": "Often used in pregnancy at the lowest effective dose for "
        "the shortest time. Ask your midwife or doctor.",
        "precautions_breastfeeding": "Considered safe while breastfeeding at normal doses.",
        "precautions_alcohol": "Regular heavy drinking increases the risk of liver damage. "
        "Avoid alcohol or keep it light.",
        "precautions_other": "Ask a doctor first if you have liver or kidney disease, weigh "
        "under 50 kg, or drink alcohol most days.",
        "interactions": "Warfarin's effect can increase with regular acetaminophen use. Avoid "
        "taking two products that both contain acetaminophen.",
        "overdose": OVERDOSE_CALL + " An overdose can damage the liver days later, even if "
        "you feel fine at first. Urgent treatment prevents this.",
        "missed_dose": MISSED_AS_NEEDED,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Diclofenac",
        "kind": "otc",
        "drug_class": "Non-steroidal anti-inflammatory drug (NSAID)",
        "brands": ["Voltaren", "Voltaren Arthritis Pain Gel", "Cataflam"],
        "ingredients": ["DICLOFENAC SODIUM"],
        "conditions": ["Knee pain", "Osteoarthritis"],
        "summary": "An anti-inflammatory medicine; the gel is rubbed on painful joints.",
        "uses": "Diclofenac gel eases arthritis pain in joints close to the skin, such as the "
        "knees and hands. Because little of it reaches the blood, it causes fewer stomach "
        "problems than tablets. Diclofenac tablets are prescribed for arthritis and other "
        "painful conditions.",
        "how_to_take": "Gel: measure the dose with the card in the pack and rub it gently "
        "into the painful joint up to four times a day. Wash your hands afterwards (unless "
        "you are treating your hands). Do not cover with a tight bandage or use a heat pad.",
        "side_effects_common": "Gel: redness, itching or dryness where it is applied. "
        "Tablets: indigestion, stomach pain, feeling sick.",
        "side_effects_serious": NSAID_SERIOUS,
        "precautions_pregnancy": NSAID_PREGNANCY,
        "precautions_breastfeeding": "Ask your doctor. Do not apply the gel to the breast.",
        "precautions_alcohol": "Alcohol matters mostly with tablets, where it raises the "
        "risk of stomach bleeding.",
        "precautions_other": "Do not put the gel on broken skin or in the eyes. Keep treated "
        "skin out of strong sunlight. Ask first if you have heart, kidney or stomach problems.",
        "interactions": "With the gel, interactions are unlikely but avoid using it together "
        "with NSAID tablets unless your doctor agrees. " + NSAID_INTERACTIONS,
        "overdose": OVERDOSE_CALL + " Swallowing the gel by accident is unlikely to be "
        "serious, but ask for advice.",
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE + " Do not freeze the gel.",
    },
    {
        "name": "Aspirin",
        "kind": "otc",
        "drug_class": "Salicylate; NSAID and antiplatelet",
        "brands": ["Bayer", "Ecotrin", "Bufferin"],
        "other_names": ["Acetylsalicylic acid", "ASA"],
        "ingredients": ["ASPIRIN"],
        "conditions": ["Headache", "Fever", "Heart attack"],
        "summary": "A pain reliever which, at low doses, also helps prevent blood clots.",
        "uses": "At normal doses aspirin eases pain and fever. At a low daily dose (usually "
        "75 to 81 mg) doctors prescribe it to lower the risk of heart attack and stroke in "
        "people who have had one, or are at high risk.",
        "how_to_take": "Take it with food. Only take daily low-dose aspirin if a doctor has "
        "advised it.",
        "side_effects_common": "Indigestion, feeling sick, bruising more easily.",
        "side_effects_serious": NSAID_SERIOUS + " Ringing in the ears can be a sign of too "
        "much aspirin.",
        "precautions_pregnancy": "Do not take pain-relief doses in pregnancy unless a doctor "
        "advises it. Low doses are sometimes prescribed in pregnancy.",
        "precautions_breastfeeding": "Avoid regular use while breastfeeding unless advised.",
        "precautions_alcohol": "Alcohol adds to the risk of stomach bleeding.",
        "precautions_other": "Never give aspirin to children under 16: it is linked to "
        "Reye's syndrome, a rare but serious illness. Ask first if you have asthma, "
        "ulcers, bleeding problems or gout.",
        "interactions": "Blood thinners, other NSAIDs, steroids, SSRIs, methotrexate. "
        "Ibuprofen taken just before low-dose aspirin can block its heart protection.",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE + " Tablets that smell of vinegar have gone off.",
    },
    {
        "name": "Celecoxib",
        "kind": "prescription",
        "drug_class": "COX-2 inhibitor (NSAID)",
        "brands": ["Celebrex"],
        "ingredients": ["CELECOXIB"],
        "conditions": ["Osteoarthritis", "Rheumatoid arthritis", "Knee pain"],
        "summary": "A prescription anti-inflammatory with a lower risk of stomach ulcers.",
        "uses": "Celecoxib relieves pain and swelling from osteoarthritis, rheumatoid "
        "arthritis and ankylosing spondylitis, and short-term pain such as after an injury.",
        "how_to_take": "Swallow the capsules whole with water, with or without food, once or "
        "twice a day as prescribed.",
        "side_effects_common": "Indigestion, stomach pain, diarrhoea, swollen ankles, headache.",
        "side_effects_serious": NSAID_SERIOUS,
        "precautions_pregnancy": NSAID_PREGNANCY,
        "precautions_breastfeeding": "Ask your doctor.",
        "precautions_alcohol": "Keep alcohol to a minimum.",
        "precautions_other": "Tell your doctor about heart disease, stroke, kidney problems "
        "or an allergy to sulfonamide (sulfa) medicines.",
        "interactions": NSAID_INTERACTIONS + " Fluconazole raises celecoxib levels.",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Atorvastatin",
        "kind": "prescription",
        "drug_class": "Statin (HMG-CoA reductase inhibitor)",
        "brands": ["Lipitor"],
        "ingredients": ["ATORVASTATIN CALCIUM"],
        "conditions": ["High cholesterol", "Heart attack", "Stroke"],
        "summary": "A statin that lowers cholesterol and the risk of heart attack and stroke.",
        "uses": "Atorvastatin lowers 'bad' LDL cholesterol and other blood fats. It is "
        "prescribed to people with high cholesterol or at high risk of heart disease, "
        "alongside a healthy diet and exercise.",
        "how_to_take": "One tablet a day, at any time of day but about the same time each "
        "day, with or without food. Keep taking it even if you feel well.",
        "side_effects_common": "Headache, feeling sick, constipation or diarrhoea, "
        "indigestion, muscle and joint aches, cold-like symptoms.",
        "side_effects_serious": "Tell your doctor straight away about unexplained muscle "
        "pain, tenderness or weakness, especially with a fever or dark urine; yellow skin or "
        "eyes; or severe stomach pain.",
        "precautions_pregnancy": "Do not take it if you are pregnant or trying for a baby. "
        "Stop and talk to your doctor if you become pregnant.",
        "precautions_breastfeeding": "Not recommended while breastfeeding.",
        "precautions_alcohol": "Drinking a lot of alcohol while on a statin can affect the "
        "liver. Keep within recommended limits.",
        "precautions_other": "Tell your doctor about liver disease, kidney problems, an "
        "underactive thyroid or previous muscle problems with a statin.",
        "interactions": "Large amounts of grapefruit juice raise atorvastatin levels. Some "
        "antibiotics (clarithromycin), antifungals (itraconazole), HIV medicines, "
        "ciclosporin, gemfibrozil and colchicine increase the risk of muscle problems.",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Simvastatin",
        "kind": "prescription",
        "drug_class": "Statin (HMG-CoA reductase inhibitor)",
        "brands": ["Zocor"],
        "ingredients": ["SIMVASTATIN"],
        "conditions": ["High cholesterol", "Heart attack"],
        "summary": "A statin taken in the evening to lower cholesterol.",
        "uses": "Simvastatin lowers LDL cholesterol and helps prevent heart attacks and strokes.",
        "how_to_take": "Take it once a day in the evening; the body makes most cholesterol "
        "at night.",
        "side_effects_common": "Headache, stomach upset, muscle aches.",
        "side_effects_serious": "Unexplained muscle pain or weakness, dark urine, yellow skin "
        "or eyes: contact your doctor at once.",
        "precautions_pregnancy": "Do not take it in pregnancy.",
        "precautions_breastfeeding": "Not recommended while breastfeeding.",
        "precautions_alcohol": "Keep alcohol within recommended limits.",
        "precautions_other": "Tell your doctor about liver or kidney disease.",
        "interactions": "Avoid grapefruit juice. Many medicines raise simvastatin levels, "
        "including amlodipine at higher simvastatin doses, diltiazem, verapamil, "
        "clarithromycin and some antifungals.",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Lisinopril",
        "kind": "prescription",
        "drug_class": "ACE inhibitor",
        "brands": ["Zestril", "Prinivil", "Qbrelis"],
        "ingredients": ["LISINOPRIL"],
        "conditions": ["High blood pressure", "Heart failure"],
        "summary": "A blood pressure medicine that relaxes blood vessels.",
        "uses": "Lisinopril treats high blood pressure and heart failure and protects the "
        "heart after a heart attack. It is also used to protect the kidneys in diabetes.",
        "how_to_take": "One tablet a day, at the same time each day. The first dose may make "
        "you dizzy, so some people take it at bedtime.",
        "side_effects_common": "A dry, tickly cough; dizziness; headache; tiredness.",
        "side_effects_serious": "Swelling of the lips, face, tongue or throat is an "
        "emergency. Also tell your doctor about yellow skin, severe stomach pain or a big "
        "drop in how much you pee.",
        "precautions_pregnancy": "Do not take it in pregnancy: it can harm the baby. Talk to "
        "your doctor before trying for a baby.",
        "precautions_breastfeeding": "Ask your doctor; other medicines may be preferred.",
        "precautions_alcohol": "Alcohol can make you feel dizzy by lowering blood pressure "
        "further.",
        "precautions_other": "Tell your doctor about kidney problems or previous swelling "
        "of the face or throat.",
        "interactions": "Potassium supplements, salt substitutes and some water tablets can "
        "push potassium too high. NSAIDs such as ibuprofen can reduce its effect and harm "
        "the kidneys. Lithium levels can rise.",
        "overdose": OVERDOSE_CALL + " Too much can cause very low blood pressure: lie down "
        "with your legs raised.",
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Losartan",
        "kind": "prescription",
        "drug_class": "Angiotensin receptor blocker (ARB)",
        "brands": ["Cozaar"],
        "ingredients": ["LOSARTAN POTASSIUM"],
        "conditions": ["High blood pressure"],
        "summary": "A blood pressure medicine, often used when ACE inhibitors cause a cough.",
        "uses": "Losartan lowers blood pressure and protects the kidneys of people with type "
        "2 diabetes.",
        "how_to_take": "Once a day, with or without food.",
        "side_effects_common": "Dizziness, tiredness, stuffy nose, back pain.",
        "side_effects_serious": "Swelling of the face or throat, fainting, or very little "
        "urine: get help.",
        "precautions_pregnancy": "Do not take it in pregnancy.",
        "precautions_breastfeeding": "Ask your doctor.",
        "precautions_alcohol": "Alcohol can add to dizziness.",
        "precautions_other": "Tell your doctor about kidney or liver disease.",
        "interactions": "Potassium supplements and salt substitutes; NSAIDs; lithium.",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Amlodipine",
        "kind": "prescription",
        "drug_class": "Calcium channel blocker",
        "brands": ["Norvasc", "Katerzia"],
        "ingredients": ["AMLODIPINE BESYLATE"],
        "conditions": ["High blood pressure", "Angina"],
        "summary": "A once-a-day medicine for high blood pressure and chest pain (angina).",
        "uses": "Amlodipine widens blood vessels, lowering blood pressure and easing the "
        "chest pain of angina.",
        "how_to_take": "One tablet a day at the same time, with or without food.",
        "side_effects_common": "Swollen ankles, flushing, headache, dizziness, tiredness, "
        "palpitations.",
        "side_effects_serious": "Chest pain that gets worse, or yellow skin or eyes: contact "
        "a doctor.",
        "precautions_pregnancy": "Ask your doctor; it may be used if the benefits outweigh "
        "the risks.",
        "precautions_breastfeeding": "Small amounts pass into milk; ask your doctor.",
        "precautions_alcohol": "Alcohol can make you feel dizzy.",
        "precautions_other": "Tell your doctor about liver disease or heart failure.",
        "interactions": "Simvastatin (dose limit), some antifungals and antibiotics, and "
        "large amounts of grapefruit juice can raise amlodipine levels.",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Metoprolol",
        "kind": "prescription",
        "drug_class": "Beta blocker",
        "brands": ["Lopressor", "Toprol-XL"],
        "ingredients": ["METOPROLOL TARTRATE"],
        "conditions": ["High blood pressure", "Angina", "Heart failure"],
        "summary": "A beta blocker that slows the heart and lowers blood pressure.",
        "uses": "Metoprolol treats high blood pressure, angina, some irregular heartbeats "
        "and heart failure, and helps protect the heart after a heart attack.",
        "how_to_take": "Take it with or just after food, at the same times each day. Do not "
        "stop suddenly: your doctor will lower the dose gradually.",
        "side_effects_common": "Tiredness, cold hands and feet, dizziness, slow heartbeat, "
        "sleep problems.",
        "side_effects_serious": "Shortness of breath, wheezing, fainting or a very slow "
        "heartbeat: get medical help.",
        "precautions_pregnancy": "Ask your doctor; it is sometimes used in pregnancy.",
        "precautions_breastfeeding": "Usually compatible; ask your doctor.",
        "precautions_alcohol": "Alcohol can increase dizziness.",
        "precautions_other": "Tell your doctor about asthma, diabetes (it can hide signs of "
        "low blood sugar) or circulation problems.",
        "interactions": "Other heart rhythm medicines, verapamil and diltiazem, some "
        "antidepressants, clonidine.",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Hydrochlorothiazide",
        "kind": "prescription",
        "drug_class": "Thiazide diuretic (water tablet)",
        "brands": ["Microzide"],
        "other_names": ["HCTZ"],
        "ingredients": ["HYDROCHLOROTHIAZIDE"],
        "conditions": ["High blood pressure", "Oedema"],
        "summary": "A water tablet used for high blood pressure and fluid build-up.",
        "uses": "Hydrochlorothiazide helps the kidneys remove extra salt and water. It lowers "
        "blood pressure and reduces swelling.",
        "how_to_take": "Take it in the morning so you are not up at night to pee.",
        "side_effects_common": "Needing to pee more, dizziness on standing, thirst, "
        "sensitivity to sunlight.",
        "side_effects_serious": "Muscle cramps, weakness, confusion or an irregular heartbeat "
        "can mean your salts are out of balance: see your doctor. Sudden eye pain or "
        "blurred vision needs urgent care.",
        "precautions_pregnancy": "Not usually used in pregnancy.",
        "precautions_breastfeeding": "It may reduce milk supply; ask your doctor.",
        "precautions_alcohol": "Alcohol can make dizziness worse.",
        "precautions_other": "Tell your doctor about gout, diabetes or kidney disease. Use "
        "sun protection.",
        "interactions": "Lithium, digoxin, NSAIDs, other blood pressure medicines.",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Metformin",
        "kind": "prescription",
        "drug_class": "Biguanide (diabetes medicine)",
        "brands": ["Glucophage", "Glumetza", "Fortamet"],
        "ingredients": ["METFORMIN HYDROCHLORIDE"],
        "conditions": ["Type 2 diabetes"],
        "summary": "The usual first medicine for type 2 diabetes.",
        "uses": "Metformin lowers blood sugar in type 2 diabetes by helping the body respond "
        "to its own insulin and making the liver release less sugar. It rarely causes low "
        "blood sugar on its own.",
        "how_to_take": "Take it with meals to reduce stomach upset. Your doctor will usually "
        "start with a low dose and raise it slowly. Swallow slow-release tablets whole.",
        "side_effects_common": "Feeling sick, diarrhoea, stomach ache, loss of appetite and "
        "a metallic taste. These usually settle after a few weeks.",
        "side_effects_serious": "Rarely, a build-up of lactic acid: severe tiredness, fast "
        "breathing, muscle pain, stomach pain and feeling cold. Get help at once.",
        "precautions_pregnancy": "Sometimes used in pregnancy; your diabetes team will advise.",
        "precautions_breastfeeding": "Usually compatible with breastfeeding.",
        "precautions_alcohol": "Avoid heavy drinking: it raises the risk of lactic acidosis "
        "and low blood sugar.",
        "precautions_other": "Tell your doctor about kidney or liver problems. You may need "
        "to stop it for a short time before an X-ray with contrast dye or an operation, or "
        "if you are dehydrated from vomiting or diarrhoea.",
        "interactions": "Contrast dyes, some water tablets, steroids and medicines that "
        "affect the kidneys. Other diabetes medicines add to the effect.",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Levothyroxine",
        "kind": "prescription",
        "drug_class": "Thyroid hormone",
        "brands": ["Synthroid", "Levoxyl", "Unithroid", "Euthyrox"],
        "ingredients": ["LEVOTHYROXINE SODIUM"],
        "conditions": ["Underactive thyroid"],
        "summary": "Replaces thyroid hormone when the thyroid does not make enough.",
        "uses": "Levothyroxine treats an underactive thyroid (hypothyroidism), which can cause "
        "tiredness, weight gain, feeling cold and low mood. Most people take it for life.",
        "how_to_take": "Take it once a day on an empty stomach, usually 30 to 60 minutes "
        "before breakfast, with water. Keep to the same brand if you can. Your dose is "
        "adjusted using blood tests.",
        "side_effects_common": "Side effects usually mean the dose is too high: fast "
        "heartbeat, feeling hot, sweating, shakiness, trouble sleeping, diarrhoea.",
        "side_effects_serious": "Chest pain, a fast or irregular heartbeat: get medical help.",
        "precautions_pregnancy": "Keep taking it. You will often need a higher dose; tell "
        "your doctor as soon as you know you are pregnant.",
        "precautions_breastfeeding": "Safe while breastfeeding.",
        "precautions_alcohol": "No known problem with moderate drinking.",
        "precautions_other": "Tell your doctor about heart disease or diabetes.",
        "interactions": "Calcium and iron tablets, antacids, some cholesterol medicines and "
        "soy or high-fibre foods reduce absorption: take them at least 4 hours apart. "
        "Warfarin's effect may change.",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Sertraline",
        "kind": "prescription",
        "drug_class": "Selective serotonin reuptake inhibitor (SSRI) antidepressant",
        "brands": ["Zoloft"],
        "ingredients": ["SERTRALINE HYDROCHLORIDE"],
        "conditions": ["Depression", "Anxiety", "Obsessive-compulsive disorder"],
        "summary": "An antidepressant also used for anxiety, panic and OCD.",
        "uses": "Sertraline treats depression, anxiety disorders, panic disorder, "
        "obsessive-compulsive disorder and post-traumatic stress disorder.",
        "how_to_take": "Once a day, morning or evening. It takes 2 to 6 weeks to work fully. "
        "Do not stop suddenly; your doctor will reduce the dose slowly.",
        "side_effects_common": "Feeling sick, diarrhoea, headache, trouble sleeping or "
        "drowsiness, sweating, dry mouth, sexual problems. Many ease after a few weeks.",
        "side_effects_serious": "Thoughts of harming yourself (especially in under-25s) need "
        "urgent help. Also act quickly on confusion, fever with stiff muscles and shaking, "
        "unusual bleeding, or black stools.",
        "precautions_pregnancy": "Talk to your doctor before stopping or starting. It is "
        "sometimes continued in pregnancy.",
        "precautions_breastfeeding": "Often used while breastfeeding; ask your doctor.",
        "precautions_alcohol": "Best avoided: alcohol can worsen depression and drowsiness.",
        "precautions_other": "Tell your doctor about epilepsy, bipolar disorder, bleeding "
        "problems or glaucoma.",
        "interactions": "Never combine with MAOI antidepressants. Take care with other "
        "antidepressants, triptans, tramadol, St John's wort (risk of serotonin syndrome), "
        "and with NSAIDs, aspirin or blood thinners (bleeding).",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Escitalopram",
        "kind": "prescription",
        "drug_class": "Selective serotonin reuptake inhibitor (SSRI) antidepressant",
        "brands": ["Lexapro"],
        "ingredients": ["ESCITALOPRAM OXALATE"],
        "conditions": ["Depression", "Anxiety"],
        "summary": "An antidepressant for depression and generalised anxiety.",
        "uses": "Escitalopram treats depression and anxiety disorders.",
        "how_to_take": "Once a day, with or without food. Allow a few weeks to feel the "
        "benefit and do not stop suddenly.",
        "side_effects_common": "Feeling sick, headache, sweating, tiredness, sleep changes, "
        "sexual problems.",
        "side_effects_serious": "Thoughts of self-harm, a fast or irregular heartbeat, "
        "fainting, or fits: get urgent help.",
        "precautions_pregnancy": "Discuss with your doctor.",
        "precautions_breastfeeding": "Ask your doctor.",
        "precautions_alcohol": "Best avoided.",
        "precautions_other": "Tell your doctor about heart rhythm problems, epilepsy or "
        "bleeding problems.",
        "interactions": "MAOIs, other serotonin medicines, medicines that affect heart "
        "rhythm, blood thinners and NSAIDs.",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Omeprazole",
        "kind": "otc",
        "drug_class": "Proton pump inhibitor (PPI)",
        "brands": ["Prilosec", "Prilosec OTC"],
        "ingredients": ["OMEPRAZOLE"],
        "conditions": ["Heartburn", "Gastro-oesophageal reflux disease", "Stomach ulcer"],
        "summary": "Reduces stomach acid for heartburn, reflux and ulcers.",
        "uses": "Omeprazole lowers the amount of acid the stomach makes. It treats "
        "heartburn, acid reflux and stomach ulcers, and protects the stomach in people "
        "taking anti-inflammatory medicines.",
        "how_to_take": "Take it once a day before breakfast. Swallow capsules whole. "
        "Over-the-counter courses last 14 days; see a doctor if you need it for longer.",
        "side_effects_common": "Headache, stomach ache, diarrhoea or constipation, wind, "
        "feeling sick.",
        "side_effects_serious": "Severe watery diarrhoea, joint pain with a rash on sun-"
        "exposed skin, or signs of low magnesium (muscle twitching, fits) after long use.",
        "precautions_pregnancy": "It can be used in pregnancy if needed; ask first.",
        "precautions_breastfeeding": "Usually compatible; ask your doctor.",
        "precautions_alcohol": "Alcohol can make heartburn worse.",
        "precautions_other": "See a doctor before using it if you have trouble swallowing, "
        "weight loss, vomiting blood or black stools: these need checking.",
        "interactions": "It reduces the effect of clopidogrel. It can change levels of "
        "methotrexate, warfarin and some HIV and antifungal medicines.",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Famotidine",
        "kind": "otc",
        "drug_class": "H2 blocker",
        "brands": ["Pepcid", "Pepcid AC"],
        "ingredients": ["FAMOTIDINE"],
        "conditions": ["Heartburn", "Stomach ulcer"],
        "summary": "A fast-acting acid reducer for heartburn.",
        "uses": "Famotidine reduces stomach acid to treat and prevent heartburn and to help "
        "ulcers heal.",
        "how_to_take": "For heartburn, take one tablet with water when needed, or 15 to 60 "
        "minutes before a meal that triggers it. No more than two in 24 hours unless a "
        "doctor advises.",
        "side_effects_common": "Headache, dizziness, constipation or diarrhoea.",
        "side_effects_serious": "Confusion (mostly in older people with kidney problems) or "
        "a fast heartbeat: see a doctor.",
        "precautions_pregnancy": "Ask before use in pregnancy.",
        "precautions_breastfeeding": "Ask your doctor.",
        "precautions_alcohol": "Alcohol can worsen heartburn.",
        "precautions_other": "Tell your doctor about kidney disease.",
        "interactions": "Few; it can reduce absorption of some antifungal and HIV medicines.",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_AS_NEEDED,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Gabapentin",
        "kind": "prescription",
        "drug_class": "Anticonvulsant",
        "brands": ["Neurontin", "Gralise"],
        "ingredients": ["GABAPENTIN"],
        "conditions": ["Nerve pain", "Epilepsy"],
        "summary": "Used for nerve pain and some kinds of seizures.",
        "uses": "Gabapentin treats nerve pain, for example after shingles, and is used with "
        "other medicines to control some kinds of epilepsy.",
        "how_to_take": "Usually three times a day. The dose is increased slowly. Do not stop "
        "suddenly.",
        "side_effects_common": "Drowsiness, dizziness, unsteadiness, tiredness, weight gain, "
        "swollen hands or feet.",
        "side_effects_serious": "Trouble breathing (especially with opioids), thoughts of "
        "self-harm, or a rash with fever and swollen glands: get help at once.",
        "precautions_pregnancy": "Discuss with your doctor.",
        "precautions_breastfeeding": "Ask your doctor.",
        "precautions_alcohol": "Avoid alcohol: it adds to drowsiness and slowed breathing.",
        "precautions_other": "It can affect driving. Tell your doctor about kidney disease "
        "or lung problems.",
        "interactions": "Opioids such as morphine raise the risk of slowed breathing. "
        "Antacids reduce absorption: take gabapentin 2 hours later.",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Prednisone",
        "kind": "prescription",
        "drug_class": "Corticosteroid",
        "brands": ["Rayos", "Deltasone"],
        "ingredients": ["PREDNISONE"],
        "conditions": ["Asthma", "Rheumatoid arthritis"],
        "summary": "A steroid tablet that calms inflammation and the immune system.",
        "uses": "Prednisone treats flare-ups of asthma, arthritis, skin and bowel conditions, "
        "severe allergies and many other inflammatory diseases.",
        "how_to_take": "Take it in the morning with breakfast. After more than a few weeks, "
        "never stop suddenly; your doctor will lower the dose step by step.",
        "side_effects_common": "Bigger appetite, weight gain, trouble sleeping, mood "
        "changes, indigestion, higher blood sugar.",
        "side_effects_serious": "Signs of infection, black stools, severe mood changes, "
        "vision changes: contact your doctor.",
        "precautions_pregnancy": "Sometimes needed in pregnancy; ask your doctor.",
        "precautions_breastfeeding": "Usually compatible at low doses.",
        "precautions_alcohol": "Alcohol adds to stomach irritation.",
        "precautions_other": "Avoid contact with chickenpox or shingles if you have not had "
        "them. Tell your doctor about diabetes, high blood pressure or osteoporosis.",
        "interactions": "NSAIDs (stomach bleeding), diabetes medicines, warfarin, some "
        "vaccines (live vaccines should be avoided).",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Amoxicillin",
        "kind": "prescription",
        "drug_class": "Penicillin antibiotic",
        "brands": ["Amoxil", "Moxatag"],
        "ingredients": ["AMOXICILLIN"],
        "conditions": ["Chest infection", "Ear infection"],
        "summary": "A penicillin antibiotic for common bacterial infections.",
        "uses": "Amoxicillin treats bacterial infections of the chest, ears, sinuses, throat, "
        "teeth and urine. It does not work for colds or flu.",
        "how_to_take": "Take it at evenly spaced times, with or without food, and finish the "
        "course even if you feel better.",
        "side_effects_common": "Feeling sick, diarrhoea, mild rash.",
        "side_effects_serious": "Swelling of the face or throat, wheezing or a widespread "
        "rash is an allergic reaction: get emergency help. Severe or bloody diarrhoea needs "
        "a doctor.",
        "precautions_pregnancy": "Commonly used in pregnancy.",
        "precautions_breastfeeding": "Safe while breastfeeding.",
        "precautions_alcohol": "Moderate drinking does not affect it, but rest helps you recover.",
        "precautions_other": "Do not take it if you are allergic to penicillin.",
        "interactions": "Methotrexate, warfarin (more monitoring), allopurinol (rash).",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE + " Keep liquid amoxicillin in the fridge.",
    },
    {
        "name": "Albuterol",
        "kind": "prescription",
        "drug_class": "Short-acting bronchodilator (beta-2 agonist)",
        "brands": ["ProAir", "Ventolin", "Proventil"],
        "other_names": ["Salbutamol"],
        "ingredients": ["ALBUTEROL SULFATE"],
        "conditions": ["Asthma", "Chronic obstructive pulmonary disease"],
        "summary": "A reliever inhaler that opens the airways within minutes.",
        "uses": "Albuterol (salbutamol) quickly relieves wheezing, coughing and breathlessness "
        "in asthma and COPD, and can be used before exercise.",
        "how_to_take": "Shake the inhaler, breathe out, then breathe in slowly as you press "
        "it. Hold your breath for 10 seconds. A spacer helps. If you need it more than "
        "three times a week, see your doctor.",
        "side_effects_common": "Shaky hands, fast heartbeat, headache, muscle cramps.",
        "side_effects_serious": "If it does not help or you need it every few hours, get "
        "urgent medical help: your asthma is out of control.",
        "precautions_pregnancy": "Safe to use in pregnancy; controlling asthma matters.",
        "precautions_breastfeeding": "Safe while breastfeeding.",
        "precautions_alcohol": "No known problem.",
        "precautions_other": "Tell your doctor about heart problems, an overactive thyroid or "
        "diabetes.",
        "interactions": "Beta blockers can block its effect. Water tablets and steroids "
        "together with high doses can lower potassium.",
        "overdose": OVERDOSE_CALL + " Too many puffs cause a racing heart and shaking.",
        "missed_dose": MISSED_AS_NEEDED,
        "storage": "Keep at room temperature, away from heat and frost. Do not puncture the "
        "canister.",
    },
    {
        "name": "Montelukast",
        "kind": "prescription",
        "drug_class": "Leukotriene receptor antagonist",
        "brands": ["Singulair"],
        "ingredients": ["MONTELUKAST SODIUM"],
        "conditions": ["Asthma", "Hay fever"],
        "summary": "A daily tablet that helps prevent asthma symptoms.",
        "uses": "Montelukast helps prevent asthma attacks and eases hay fever symptoms. It "
        "does not relieve an attack that has started.",
        "how_to_take": "Once a day, in the evening for asthma.",
        "side_effects_common": "Headache, stomach ache, thirst.",
        "side_effects_serious": "Mood or behaviour changes, bad dreams, depression or "
        "thoughts of self-harm: stop and tell your doctor at once.",
        "precautions_pregnancy": "Ask your doctor.",
        "precautions_breastfeeding": "Ask your doctor.",
        "precautions_alcohol": "No known problem.",
        "precautions_other": "Keep using your reliever inhaler for attacks.",
        "interactions": "Few. Phenobarbital and rifampicin can reduce its effect.",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Loratadine",
        "kind": "otc",
        "drug_class": "Non-drowsy antihistamine",
        "brands": ["Claritin", "Alavert"],
        "ingredients": ["LORATADINE"],
        "conditions": ["Hay fever", "Hives"],
        "summary": "A non-drowsy antihistamine for hay fever and hives.",
        "uses": "Loratadine relieves sneezing, runny nose, itchy eyes and itchy skin rashes "
        "caused by allergies.",
        "how_to_take": "One 10 mg tablet once a day for adults and children over 12.",
        "side_effects_common": "Headache, tiredness, dry mouth. Drowsiness is uncommon.",
        "side_effects_serious": "A fast heartbeat or fainting: see a doctor.",
        "precautions_pregnancy": "Often considered suitable; ask first.",
        "precautions_breastfeeding": "Usually compatible; ask first.",
        "precautions_alcohol": "It is unlikely to make you sleepy, but take care.",
        "precautions_other": "Ask first if you have liver disease.",
        "interactions": "Few; some antibiotics and antifungals raise its levels.",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Cetirizine",
        "kind": "otc",
        "drug_class": "Antihistamine",
        "brands": ["Zyrtec", "Reactine"],
        "ingredients": ["CETIRIZINE HYDROCHLORIDE"],
        "conditions": ["Hay fever", "Hives"],
        "summary": "A once-a-day antihistamine for allergies.",
        "uses": "Cetirizine relieves hay fever, allergic eye symptoms and itchy rashes.",
        "how_to_take": "One 10 mg tablet a day for adults.",
        "side_effects_common": "Drowsiness in some people, dry mouth, headache.",
        "side_effects_serious": "Difficulty passing urine or a fast heartbeat: see a doctor.",
        "precautions_pregnancy": "Ask first.",
        "precautions_breastfeeding": "Ask first.",
        "precautions_alcohol": "Alcohol can add to drowsiness.",
        "precautions_other": "Ask first if you have kidney disease or epilepsy.",
        "interactions": "Other medicines that make you drowsy.",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_DAILY,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Diphenhydramine",
        "kind": "otc",
        "drug_class": "Sedating antihistamine",
        "brands": ["Benadryl", "ZzzQuil", "Unisom SleepGels"],
        "ingredients": ["DIPHENHYDRAMINE HYDROCHLORIDE"],
        "conditions": ["Hay fever", "Insomnia"],
        "summary": "An older antihistamine that causes drowsiness.",
        "uses": "Diphenhydramine relieves allergy symptoms and itching, and is sold as a "
        "short-term sleep aid.",
        "how_to_take": "Follow the packet. As a sleep aid, take it 20 to 30 minutes before "
        "bed for no more than a few nights.",
        "side_effects_common": "Drowsiness the next day, dry mouth, blurred vision, constipation.",
        "side_effects_serious": "Confusion, difficulty passing urine or a fast heartbeat, "
        "especially in older people.",
        "precautions_pregnancy": "Ask first.",
        "precautions_breastfeeding": "Avoid; it passes into milk and may reduce supply.",
        "precautions_alcohol": "Do not drink alcohol with it.",
        "precautions_other": "Not recommended for people over 65. Do not drive if drowsy. "
        "Ask first if you have glaucoma or prostate problems.",
        "interactions": "Other sedating medicines, sleeping pills, opioids, some antidepressants.",
        "overdose": OVERDOSE_CALL,
        "missed_dose": MISSED_AS_NEEDED,
        "storage": TABLET_STORAGE,
    },
    {
        "name": "Loperamide",
        "kind": "otc",
        "drug_class": "Antidiarrhoeal",
        "brands": ["Imodium"],
        "ingredients": ["LOPERAMIDE HYDROCHLORIDE"],
        "conditions": ["Diarrhoea"],
        "summary": "Slows the gut to stop short-term diarrhoea.",
        "uses": "Loperamide treats sudden, short-lived diarrhoea in adults.",
        "how_to_take": "Two capsules at first, then one after each loose stool, up to the "
        "packet's daily limit. Drink plenty of fluids.",
        "side_effects_common": "Constipation, wind, feeling sick.",
        "side_effects_serious": "A swollen belly, fainting or a fast, irregular heartbeat: "
        "stop and get help.",
        "precautions_pregnancy": "Ask first.",
        "precautions_breastfeeding": "Ask first.",
        "precautions_alcohol": "Alcohol can worsen diarrhoea and dehydration.",
        "precautions_other": "Do not use it if you have blood in your stools or a high "
        "fever. See a doctor if diarrhoea lasts more than 2 days.",
        "interactions": "Some antifungals and antibiotics raise its levels.",
        "overdose": OVERDOSE_CALL + " High doses can cause dangerous heart rhythms.",
        "missed_dose": MISSED_AS_NEEDED,
        "storage": TABLET_STORAGE,
    },
]

DEMO_REVIEWS: list[dict] = [
    {
        "drug": "ibuprofen",
        "condition": "Knee pain",
        "ratings": (4, 5, 4),
        "role": "patient",
        "age_band": "45-54",
        "time_on": "1-6m",
        "body": "Helps my knee after long walks. I always take it with food because it "
        "upset my stomach once when I did not.",
    },
    {
        "drug": "ibuprofen",
        "condition": "Headache",
        "ratings": (5, 5, 5),
        "role": "patient",
        "age_band": "25-34",
        "time_on": "2-5y",
        "body": "Works within half an hour for my tension headaches. Easy to swallow.",
    },
    {
        "drug": "acetaminophen",
        "condition": "Osteoarthritis",
        "ratings": (3, 5, 3),
        "role": "caregiver",
        "age_band": "75+",
        "time_on": "1-2y",
        "body": "My mother takes it for her hips and knees. It takes the edge off but does "
        "not help as much as the gel her doctor added later.",
    },
    {
        "drug": "diclofenac",
        "condition": "Knee pain",
        "ratings": (4, 4, 5),
        "role": "patient",
        "age_band": "65-74",
        "time_on": "6m-1y",
        "body": "The gel is great for my knee and I do not get the stomach trouble I had "
        "with tablets. Remember to wash your hands afterwards.",
    },
    {
        "drug": "atorvastatin",
        "condition": "High cholesterol",
        "ratings": (5, 5, 4),
        "role": "patient",
        "age_band": "55-64",
        "time_on": "2-5y",
        "body": "My cholesterol came down a lot within three months. I had some aching legs "
        "at first which went away.",
    },
    {
        "drug": "metformin",
        "condition": "Type 2 diabetes",
        "ratings": (4, 3, 4),
        "role": "patient",
        "age_band": "45-54",
        "time_on": "1-2y",
        "body": "Stomach upset for the first few weeks. The slow-release version suited me "
        "much better and my blood sugar is steadier.",
    },
    {
        "drug": "glucosamine",
        "condition": "Osteoarthritis",
        "ratings": (2, 5, 2),
        "role": "patient",
        "age_band": "65-74",
        "time_on": "1-6m",
        "body": "Tried it for three months for my knees and honestly noticed no difference. "
        "No side effects either.",
    },
]
