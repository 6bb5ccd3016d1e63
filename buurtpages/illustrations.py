"""Flat illustrations for the demo, drawn with Pillow at seed time.

The demo must show what a living buurt site looks like, photos included, without
downloading anything or shipping pictures of real people. Each motif is a few flat
shapes on a calm background; the drawing is deterministic (same motif, same pixels),
so every machine gets the same demo. The drawings are the project's own work, CC0.
"""

import math
import zlib
from functools import cache
from io import BytesIO
from random import Random

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw
from wagtail.images import get_image_model

WIDTH, HEIGHT = 1200, 750
INK = (38, 50, 56)
WHITE = (255, 255, 255)
# Soft backgrounds with a darker ground band, one pair per mood.
PALETTES = {
    "green": ((214, 236, 214), (120, 170, 110)),
    "warm": ((253, 231, 205), (214, 150, 100)),
    "blue": ((212, 229, 244), (110, 150, 190)),
    "sand": ((242, 234, 214), (190, 170, 120)),
    "lilac": ((232, 222, 242), (160, 130, 190)),
}


def centre():
    return WIDTH // 2, HEIGHT // 2 + 20


def plant(draw, rng):
    """A window box full of plants against a house front: geveltuinen."""
    draw.rectangle((260, 120, 940, 560), fill=(196, 120, 96))
    for x in range(260, 940, 68):
        for y in range(120, 560, 34):
            draw.line((x, y, x + 68, y), fill=(176, 104, 84), width=3)
    draw.rectangle((470, 200, 730, 420), fill=(180, 214, 236), outline=WHITE, width=12)
    draw.line((600, 200, 600, 420), fill=WHITE, width=8)
    draw.rectangle((360, 540, 840, 610), fill=(120, 86, 60))
    for x in range(390, 820, 55):
        height = rng.randint(90, 170)
        draw.line((x, 540, x, 540 - height), fill=(46, 125, 50), width=8)
        draw.ellipse((x - 34, 540 - height - 30, x + 6, 540 - height + 10), fill=(76, 175, 80))
        draw.ellipse((x - 6, 540 - height - 50, x + 34, 540 - height - 10), fill=(102, 187, 106))
        colour = rng.choice([(244, 143, 177), (255, 213, 79), (239, 83, 80)])
        draw.ellipse((x - 18, 540 - height - 90, x + 18, 540 - height - 54), fill=colour)


def meal(draw, rng):
    """A table with a steaming pan and plates: eating together."""
    draw.rectangle((150, 470, 1050, 520), fill=(141, 110, 99))
    draw.rectangle((200, 520, 230, 660), fill=(121, 85, 72))
    draw.rectangle((970, 520, 1000, 660), fill=(121, 85, 72))
    draw.rounded_rectangle((470, 330, 730, 470), radius=30, fill=(229, 57, 53))
    draw.rectangle((430, 350, 470, 370), fill=(183, 28, 28))
    draw.rectangle((730, 350, 770, 370), fill=(183, 28, 28))
    draw.rounded_rectangle((455, 310, 745, 345), radius=14, fill=(198, 40, 40))
    for offset in (-60, 0, 60):
        x = 600 + offset
        points = [(x + 18 * math.sin(step / 3), 290 - step * 12) for step in range(12)]
        draw.line(points, fill=WHITE, width=8, joint="curve")
    for x in (290, 910):
        draw.ellipse((x - 90, 420, x + 90, 470), fill=WHITE, outline=(200, 200, 200), width=4)
        draw.ellipse((x - 45, 432, x + 45, 458), fill=(255, 183, 77))


def wheel(draw, rng):
    """A bicycle wheel and a spanner: the repair café."""
    cx, cy = 520, 400
    draw.ellipse((cx - 230, cy - 230, cx + 230, cy + 230), outline=INK, width=34)
    draw.ellipse((cx - 196, cy - 196, cx + 196, cy + 196), outline=(120, 144, 156), width=10)
    for spoke in range(18):
        angle = spoke * math.pi / 9
        draw.line(
            (cx, cy, cx + 196 * math.cos(angle), cy + 196 * math.sin(angle)),
            fill=(96, 125, 139),
            width=4,
        )
    draw.ellipse((cx - 30, cy - 30, cx + 30, cy + 30), fill=INK)
    draw.line((820, 620, 960, 260), fill=(255, 160, 0), width=44)
    draw.ellipse((910, 190, 1030, 310), fill=(255, 160, 0))
    draw.rectangle((950, 180, 990, 250), fill=PALETTES["blue"][0])


def book(draw, rng):
    """An open book and a pencil: the homework club."""
    draw.polygon([(240, 260), (600, 320), (600, 620), (240, 560)], fill=WHITE, outline=INK)
    draw.polygon([(960, 260), (600, 320), (600, 620), (960, 560)], fill=WHITE, outline=INK)
    draw.line((600, 320, 600, 620), fill=INK, width=6)
    for row in range(6):
        y = 330 + row * 36
        draw.line((290, y, 560, y + 44), fill=(144, 164, 174), width=6)
        draw.line((640, y + 44, 910, y), fill=(144, 164, 174), width=6)
    draw.line((760, 200, 1010, 110), fill=(255, 193, 7), width=36)
    draw.polygon([(760, 200), (790, 170), (800, 206)], fill=(93, 64, 55))
    draw.line((1010, 110, 1040, 99), fill=(239, 154, 154), width=36)


def walk(draw, rng):
    """A path through the park with two walking sticks and trees: the walking group."""
    draw.polygon([(520, 700), (680, 700), (640, 330), (580, 330)], fill=(215, 204, 200))
    for x, size in ((250, 120), (950, 140), (380, 80), (820, 90)):
        draw.rectangle((x - 12, 420 - size // 4, x + 12, 560), fill=(121, 85, 72))
        draw.ellipse((x - size, 420 - size * 2, x + size, 440), fill=(67, 160, 71))
    for x in (560, 660):
        draw.line((x, 640, x + 30, 420), fill=(93, 64, 55), width=16)
        draw.arc((x + 10, 390, x + 80, 450), 180, 360, fill=(93, 64, 55), width=16)
    draw.ellipse((960, 90, 1080, 210), fill=(255, 213, 79))


def bubbles(draw, rng):
    """Two speech bubbles with letters of several scripts: the taalcafé."""
    draw.rounded_rectangle((170, 170, 640, 440), radius=60, fill=WHITE)
    draw.polygon([(260, 430), (230, 540), (350, 436)], fill=WHITE)
    draw.rounded_rectangle((560, 330, 1030, 600), radius=60, fill=(255, 202, 40))
    draw.polygon([(940, 590), (980, 690), (860, 596)], fill=(255, 202, 40))
    for row, width in ((250, 340), (310, 260), (370, 300)):
        draw.rounded_rectangle((230, row, 230 + width, row + 26), radius=13, fill=(144, 164, 174))
    for row, width in ((410, 320), (470, 240), (530, 280)):
        draw.rounded_rectangle((620, row, 620 + width, row + 26), radius=13, fill=(121, 85, 72))


def tools(draw, rng):
    """A hammer and a screwdriver crossed over a toolbox: klussenhulp."""
    draw.rounded_rectangle((330, 430, 870, 640), radius=24, fill=(21, 101, 192))
    draw.rectangle((330, 490, 870, 510), fill=(13, 71, 161))
    draw.arc((500, 360, 700, 500), 180, 360, fill=INK, width=22)
    draw.line((380, 160, 720, 420), fill=(141, 110, 99), width=34)
    draw.polygon([(330, 110), (430, 40), (480, 110), (380, 190)], fill=(96, 125, 139))
    draw.line((820, 140, 560, 420), fill=(176, 190, 197), width=16)
    draw.line((870, 90, 800, 166), fill=(229, 57, 53), width=52)


def vegetables(draw, rng):
    """Rows of vegetables in raised beds: the buurtmoestuin."""
    for top in (330, 500):
        draw.rectangle((170, top + 80, 1030, top + 140), fill=(121, 85, 72))
        for x in range(230, 1000, 110):
            kind = (x // 110 + top) % 3
            if kind == 0:  # a carrot with leaves
                draw.polygon(
                    [(x - 22, top + 80), (x + 22, top + 80), (x, top + 150)], fill=(245, 124, 0)
                )
                draw.line((x, top + 80, x - 20, top + 10), fill=(56, 142, 60), width=10)
                draw.line((x, top + 80, x + 20, top + 10), fill=(56, 142, 60), width=10)
            elif kind == 1:  # a lettuce
                draw.ellipse((x - 45, top + 10, x + 45, top + 90), fill=(124, 179, 66))
                draw.ellipse((x - 25, top + 25, x + 25, top + 75), fill=(156, 204, 101))
            else:  # a tomato plant
                draw.line((x, top + 80, x, top - 20), fill=(56, 142, 60), width=8)
                for dy in (0, 40):
                    draw.ellipse((x - 30, top + dy - 10, x + 4, top + dy + 24), fill=(229, 57, 53))
    draw.ellipse((980, 80, 1100, 200), fill=(255, 213, 79))


def cup(draw, rng):
    """Two coffee cups with a plate of biscuits: the coffee morning."""
    for x in (420, 780):
        draw.rounded_rectangle((x - 110, 330, x + 90, 540), radius=30, fill=WHITE)
        draw.arc((x + 50, 380, x + 150, 480), 270, 90, fill=WHITE, width=24)
        draw.ellipse((x - 160, 520, x + 140, 580), fill=(236, 239, 241))
        draw.ellipse((x - 90, 340, x + 70, 370), fill=(109, 76, 65))
        for offset in (-40, 10):
            points = [(x + offset + 14 * math.sin(s / 2.5), 300 - s * 11) for s in range(10)]
            draw.line(points, fill=(255, 255, 255), width=7, joint="curve")
    for x in (560, 620, 680):
        draw.ellipse((x - 36, 600, x + 36, 660), fill=(215, 160, 90))


def garland(draw, rng):
    """A string of flags between two houses: the street party."""
    draw.rectangle((60, 260, 300, 700), fill=(255, 183, 77))
    draw.polygon([(40, 270), (180, 150), (320, 270)], fill=(191, 54, 12))
    draw.rectangle((900, 240, 1140, 700), fill=(129, 212, 250))
    draw.polygon([(880, 250), (1020, 130), (1160, 250)], fill=(2, 119, 189))
    points = [(300 + step * 30, 280 + 90 * math.sin(math.pi * step / 20)) for step in range(21)]
    draw.line(points, fill=INK, width=5)
    colours = [(229, 57, 53), (255, 202, 40), (67, 160, 71), (30, 136, 229), (142, 36, 170)]
    for number, (x, y) in enumerate(points[1:-1:2]):
        draw.polygon([(x - 24, y), (x + 24, y), (x, y + 60)], fill=colours[number % len(colours)])
    for _ in range(30):
        x, y = rng.randint(320, 880), rng.randint(420, 700)
        draw.rectangle((x, y, x + 10, y + 14), fill=rng.choice(colours))


def bench(draw, rng):
    """A park bench under a tree."""
    draw.rectangle((560, 200, 600, 520), fill=(121, 85, 72))
    draw.ellipse((380, 40, 780, 330), fill=(67, 160, 71))
    for y in (430, 470, 540):
        draw.rounded_rectangle((300, y, 900, y + 24), radius=10, fill=(161, 136, 127))
    draw.rectangle((330, 560, 356, 650), fill=INK)
    draw.rectangle((844, 560, 870, 650), fill=INK)


def hands(draw, rng):
    """Circles of people around a table: neighbours who meet."""
    cx, cy = centre()
    draw.ellipse((cx - 170, cy - 90, cx + 170, cy + 90), fill=(161, 136, 127))
    colours = [(229, 115, 115), (255, 183, 77), (129, 199, 132), (100, 181, 246), (186, 104, 200)]
    for number in range(7):
        angle = math.pi * 2 * number / 7
        x, y = cx + 300 * math.cos(angle), cy + 190 * math.sin(angle)
        colour = colours[number % len(colours)]
        draw.ellipse((x - 60, y - 20, x + 60, y + 100), fill=colour)
        draw.ellipse((x - 34, y - 90, x + 34, y - 22), fill=(141, 110, 99))


MOTIFS = {
    "plant": (plant, "green"),
    "meal": (meal, "warm"),
    "wheel": (wheel, "blue"),
    "book": (book, "lilac"),
    "walk": (walk, "green"),
    "bubbles": (bubbles, "blue"),
    "tools": (tools, "sand"),
    "vegetables": (vegetables, "sand"),
    "cup": (cup, "warm"),
    "garland": (garland, "lilac"),
    "bench": (bench, "green"),
    "hands": (hands, "sand"),
}


@cache
def drawing(motif):
    """The PNG bytes of one motif; the same for every buurt, so drawn once per process."""
    draw_motif, palette = MOTIFS[motif]
    background, ground = PALETTES[palette]
    canvas = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((WIDTH // 2 - 420, 20, WIDTH // 2 + 420, 860), fill=lighter(background))
    draw.rectangle((0, HEIGHT - 90, WIDTH, HEIGHT), fill=ground)
    draw_motif(draw, Random(zlib.crc32(motif.encode())))
    out = BytesIO()
    canvas.save(out, format="PNG", optimize=False)
    return out.getvalue()


def lighter(colour):
    return tuple(min(255, part + 18) for part in colour)


def illustration(motif, alt):
    """The buurt's image of `motif` (made once; its description is the Dutch alt text)."""
    title = f"Tekening: {alt}"
    images = get_image_model().objects
    existing = images.filter(title=title).first()
    if existing is not None:
        return existing
    return images.create(
        title=title,
        description=alt,
        file=ImageFile(BytesIO(drawing(motif)), name=f"tekening-{motif}.png"),
    )
