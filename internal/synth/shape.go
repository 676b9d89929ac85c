package synth

import (
	"fmt"
	"strings"
)

// Shape is the size of a synthetic deployment: how many regions of each level lie below its
// root, and how many people work in them.
type Shape struct {
	// Name is county, province or national.
	Name string
	// Root is the code of the region the data fills: a county or a province code, or "" for the
	// whole country (every province).
	Root string
	// Cities, Counties, Townships and Villages are the totals below Root; a level at or above
	// Root is not generated. Regions the reference data already lists are kept and count.
	Cities, Counties, Townships, Villages int
	// Persons is the number of people; about 95 % hold a certificate, 1.2 certificates each.
	Persons int
}

// Shapes are the preset scales. The national shape follows the 2023 statistical division
// codes: 31 provinces, 333 prefecture-level and 2,844 county-level divisions, about 41,000
// township-level and 600,000 village-level ones; 1.5 million certified social workers. The
// province is Jiangxi (11 cities, 100 counties); the county is the reference county.
func Shapes(topCounty string) map[string]Shape {
	return map[string]Shape{
		"county":   {Name: "county", Root: topCounty, Villages: 240, Persons: 250},
		"province": {Name: "province", Root: topCounty[:2] + "0000000000", Cities: 11, Counties: 100, Townships: 1570, Villages: 21000, Persons: 50_000},
		"national": {Name: "national", Root: "", Cities: 333, Counties: 2844, Townships: 41_000, Villages: 600_000, Persons: 1_500_000},
	}
}

// ShapeFor returns the preset scale by name.
func ShapeFor(name, topCounty string) (Shape, error) {
	if len(topCounty) != 12 || !strings.HasSuffix(topCounty, "000000") {
		return Shape{}, fmt.Errorf("the deployment's top region %q is not a county", topCounty)
	}
	s, ok := Shapes(topCounty)[name]
	if !ok {
		return Shape{}, fmt.Errorf("unknown scale %q (county, province or national)", name)
	}
	return s, nil
}

// provinces are the 31 province-level divisions of the mainland with their codes.
var provinces = []struct{ code, name string }{
	{"11", "北京市"}, {"12", "天津市"}, {"13", "河北省"}, {"14", "山西省"}, {"15", "内蒙古自治区"},
	{"21", "辽宁省"}, {"22", "吉林省"}, {"23", "黑龙江省"}, {"31", "上海市"}, {"32", "江苏省"},
	{"33", "浙江省"}, {"34", "安徽省"}, {"35", "福建省"}, {"36", "江西省"}, {"37", "山东省"},
	{"41", "河南省"}, {"42", "湖北省"}, {"43", "湖南省"}, {"44", "广东省"}, {"45", "广西壮族自治区"},
	{"46", "海南省"}, {"50", "重庆市"}, {"51", "四川省"}, {"52", "贵州省"}, {"53", "云南省"},
	{"54", "西藏自治区"}, {"61", "陕西省"}, {"62", "甘肃省"}, {"63", "青海省"}, {"64", "宁夏回族自治区"},
	{"65", "新疆维吾尔自治区"},
}

// syllables make synthetic place and given names.
var syllables = []rune("安宁平和兴华新东西南北中山河湖江源泉林阳明光德福寿昌隆永丰泰康庆合云龙凤桥石溪岭塘坪")

// surnames are common family names.
var surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁")

// givenChars make given names.
var givenChars = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红文辉建国志新春燕丹晨阳宇浩欣怡佳悦")
