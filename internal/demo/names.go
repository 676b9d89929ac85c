package demo

import (
	"math/rand/v2"
	"strings"

	"swtalent/internal/civil"
)

// Character lists for synthetic names. They are constants (split into runes when used) so the
// package keeps no mutable globals.
const (
	surnames     = "王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯董程曹袁邓许沈曾彭吕苏卢蒋蔡余潘杜叶汪方姜邹熊江饶舒占邵祝雷汤黎付"
	femaleGiven  = "丽娟敏静芳燕婷慧霞琴红萍玲洁雪梅兰颖倩佳欣怡雯琳晶莉秀英艳蓉"
	maleGiven    = "伟强军磊勇杰涛斌鹏辉明超刚平建峰波亮文俊浩宇凯林志东海晨新华"
	sharedGiven  = "晓小春秋子思家雨一嘉建志国金永宏远振立云"
	placeSyllabs = "东西南北上中新金银石竹桃李樟杨梅兰青红黄白龙凤马鹤田坑塘源溪港湾岭坪畈洲桥湖山岗埠坞岩峰林泉"
)

// personName returns a synthetic Chinese name: a surname and a one- or two-character given name.
func personName(r *rand.Rand, female bool) string {
	given := maleGiven
	if female {
		given = femaleGiven
	}
	var b strings.Builder
	b.WriteRune(pick(r, []rune(surnames)))
	if chance(r, 60) {
		b.WriteRune(pick(r, []rune(sharedGiven+given)))
	}
	b.WriteRune(pick(r, []rune(given)))
	return b.String()
}

// placeName returns a two-syllable place name plus suffix (村, 社区) whose syllables are not yet
// in used, and records them there.
func placeName(r *rand.Rand, suffix string, used map[string]bool) string {
	syl := []rune(placeSyllabs)
	for {
		a, b := r.IntN(len(syl)), r.IntN(len(syl))
		if a == b {
			continue
		}
		base := string(syl[a]) + string(syl[b])
		if !used[base] {
			used[base] = true
			return base + suffix
		}
	}
}

// PersonName returns a synthetic Chinese name drawn from the world's random source, for modules
// whose records name people who are not persons of the register (students, volunteers).
func (w *World) PersonName(female bool) string { return personName(w.Rand, female) }

// PersonNameOn draws a Chinese name for someone recorded on day d, from RandFor(d).
func (w *World) PersonNameOn(d civil.Date, female bool) string {
	return personName(w.RandFor(d), female)
}
