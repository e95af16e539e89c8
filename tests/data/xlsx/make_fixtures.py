#!/usr/bin/python3
"""Makes the LibreOffice-saved fixtures of tests/test_workbook.cpp (checked in; run again
only to change them): a payments ledger as .xls (BIFF8, read by libfreexl) and as .xlsx
with its 合计 a formula whose cached value LibreOffice stores, and the same workbook saved
with the password 1234 as .xls (RC4, which the import refuses by name). LibreOffice 7.4's
UNO API does not encrypt OOXML (EncryptionData fails with an I/O error), so encrypted.xlsx
is the container Excel writes for a password-protected .xlsx, built here byte by byte: a
compound file (CFB v3) holding the streams EncryptionInfo (an agile-encryption header) and
EncryptedPackage (random bytes standing for the AES-encrypted zip).

    /usr/bin/python3 tests/data/xlsx/make_fixtures.py      (needs libreoffice-calc-nogui, python3-uno)
"""
import os, subprocess, sys, tempfile, time
import uno
from com.sun.star.beans import PropertyValue

HERE = os.path.dirname(os.path.abspath(__file__))

def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p

def main():
    profile = tempfile.mkdtemp(prefix="lo_fixture_")
    office = subprocess.Popen(["soffice", "--headless", "--norestore", "--nologo",
                               "-env:UserInstallation=file://" + profile,
                               "--accept=socket,host=127.0.0.1,port=2083;urp;"])
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(60):
            try:
                ctx = resolver.resolve("uno:socket,host=127.0.0.1,port=2083;urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, (prop("Hidden", True),))
        sheet = doc.Sheets.getByIndex(0)
        sheet.Name = "拨付"
        formats = doc.NumberFormats
        locale = uno.createUnoStruct("com.sun.star.lang.Locale")
        def fmt(code):
            key = formats.queryKey(code, locale, False)
            return key if key != -1 else formats.addNew(code, locale)
        date_fmt, money_fmt = fmt("YYYY-MM-DD"), fmt("0.00")
        def text(ref, s): sheet.getCellRangeByName(ref).String = s
        def num(ref, v, f=None):
            c = sheet.getCellRangeByName(ref)
            c.Value = v
            if f is not None: c.NumberFormat = f
        def date(ref, iso):
            c = sheet.getCellRangeByName(ref)
            c.Formula = "=DATEVALUE(\"%s\")" % iso
            c.Value = c.Value  # keep the serial, not the formula
            c.NumberFormat = date_fmt
        text("A1", "芦溪县教育局基建项目资金拨付台账（2026年）")
        sheet.getCellRangeByName("A1:I1").merge(True)
        text("A2", "填报单位：芦溪县教育局"); text("H2", "单位：万元")
        for ref, s in zip(["A3", "B3", "C3", "D3", "G3", "H3", "I3"],
                          ["序号", "项目名称", "收款单位", "拨付情况", "资金来源", "款项性质", "凭证号"]):
            text(ref, s)
        for ref in ["A3:A4", "B3:B4", "C3:C4", "D3:F3", "G3:G4", "H3:H4", "I3:I4"]:
            sheet.getCellRangeByName(ref).merge(True)
        text("D4", "拨付日期"); text("E4", "拨付金额"); text("F4", "费用类别")
        rows = [(1, "濂溪中学新建工程", "萍乡市城建集团有限公司", "2026-03-28", 356.7823, "建安费", "教育扶贫贷款", "工程款", "记-202603-0012"),
                (2, "濂溪中学新建工程", "萍乡市城建集团有限公司", "2026-04-15", 100, "", "教育扶贫贷款", "进度款", "记-202604-0007"),
                (3, "芦溪小学整体搬迁工程", "江西中恒建设集团有限公司", "2026-05-20", 12.3456, "建安工程", "芦府字〔2025〕12号", "预付款", "记-202605-0003")]
        for i, (n, project, payee, d, amount, cat, source, kind, voucher) in enumerate(rows):
            r = 5 + i
            num("A%d" % r, n); text("B%d" % r, project); text("C%d" % r, payee); date("D%d" % r, d)
            num("E%d" % r, amount, money_fmt)
            if cat: text("F%d" % r, cat)
            text("G%d" % r, source); text("H%d" % r, kind); text("I%d" % r, voucher)
        text("A9", "合计")
        c = sheet.getCellRangeByName("E9"); c.Formula = "=SUM(E5:E8)"; c.NumberFormat = money_fmt
        text("A11", "制表人：张敏")
        doc.calculateAll()
        def save(name, filt, password=None):
            args = [prop("FilterName", filt), prop("Overwrite", True)]
            if password:
                # OOXML is encrypted through EncryptionData (a plain Password is ignored);
                # the sequence must reach UNO typed, hence uno.invoke.
                nv = uno.createUnoStruct("com.sun.star.beans.NamedValue")
                nv.Name, nv.Value = "OOXPassword" if "2007" in filt else "Password", password
                args.append(prop("Password", password))
                enc = PropertyValue()
                enc.Name = "EncryptionData"
                enc.Value = uno.Any("[]com.sun.star.beans.NamedValue", (nv,))
                if "2007" in filt:
                    args = [a for a in args if a.Name != "Password"] + [enc]
                uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(os.path.join(HERE, name)),
                                               uno.Any("[]com.sun.star.beans.PropertyValue", tuple(args))))
                return
            doc.storeToURL(uno.systemPathToFileUrl(os.path.join(HERE, name)), tuple(args))
        save("拨付台账.xls", "MS Excel 97")
        save("拨付台账_libreoffice.xlsx", "Calc MS Excel 2007 XML")
        save("encrypted.xls", "MS Excel 97", "1234")
        doc.close(True)
    finally:
        office.terminate()
        office.wait()

def encrypted_ooxml(path):
    import random, struct
    random.seed(15)
    END, FREE, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns='
           '"http://schemas.microsoft.com/office/2006/encryption"><keyData saltSize="16" blockSize="16" '
           'keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" '
           'hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/></encryption>').encode()
    info = (struct.pack("<HHI", 4, 4, 0x40) + xml).ljust(4096, b"\0")
    package = struct.pack("<Q", 5834) + bytes(random.getrandbits(8) for _ in range(4088))
    header = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 16 + struct.pack(
        "<HHHHH6xIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, 0, 1, 1, 0, 4096, END, 0, END, 0)
    header += struct.pack("<I", 0) + struct.pack("<I", FREE) * 108
    fat = [FATSECT, END] + list(range(3, 10)) + [END] + list(range(11, 18)) + [END]
    fat = struct.pack("<128I", *(fat + [FREE] * (128 - len(fat))))
    def entry(name, kind, left, right, child, start, size):
        n = (name + "\0").encode("utf-16-le") if name else b""
        return (n.ljust(64, b"\0") + struct.pack("<HBBIII", len(n), kind, 1 if name else 0, left, right, child)
                + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", start, size))
    directory = (entry("Root Entry", 5, NOSTREAM, NOSTREAM, 1, END, 0) +
                 entry("EncryptionInfo", 2, NOSTREAM, 2, NOSTREAM, 2, len(info)) +
                 entry("EncryptedPackage", 2, NOSTREAM, NOSTREAM, NOSTREAM, 10, len(package)) +
                 entry("", 0, NOSTREAM, NOSTREAM, NOSTREAM, 0, 0))
    with open(path, "wb") as f:
        f.write(header + fat + directory + info + package)

if __name__ == "__main__":
    encrypted_ooxml(os.path.join(HERE, "encrypted.xlsx"))
    if "--cfb-only" not in sys.argv:
        main()
