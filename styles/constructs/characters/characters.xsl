<?xml version="1.0" encoding="UTF-8"?>
<!-- Characters and glyphs the encoding declares (TEI's gaiji module): g, and the charDecl
     of the header that says what each one is. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="tei">

  <!-- A character or glyph the source has (g): its own content when the encoder gave one
       (the encoder's chosen representation); otherwise what its declaration (the char or
       glyph its @ref names in the header's charDecl) maps it to, in the order a reading
       edition wants: the standard character, the diplomatic one, the normalised one, any
       Unicode mapping, the private-use one (MUFI, drawn by the edition's supplement face),
       then the declaration's own normalised form or composition (CBETA's "[得-彳]"). A mark
       of inscriptions named only by @type (EpiDoc: interpunct, hedera, chi-rho…) is its
       Unicode sign. Whatever is left is named in the edition's brackets, never dropped:
       "[hedera]". A line-end hyphen of the print (TCP's char:EOLhyphen) is no character of
       the reading text: the word runs on.
       span.g carries the declared name as its title (shown on hover) and the id as
       data-ref. -->
  <xsl:key name="declaration" match="tei:char[@xml:id] | tei:glyph[@xml:id]" use="concat('#', @xml:id)"/>

  <xsl:template match="tei:g">
    <xsl:variable name="decl" select="key('declaration', normalize-space(@ref))[1]"/>
    <xsl:variable name="name" select="normalize-space(($decl/tei:charName | $decl/tei:glyphName
        | $decl/tei:localProp[@name = 'name']/@value | $decl/tei:unicodeProp[@name = 'Name']/@value
        | $decl/tei:desc)[1])"/>
    <xsl:variable name="shown"><xsl:if test="not(node())"><xsl:call-template name="g-character"/></xsl:if></xsl:variable>
    <xsl:variable name="ref" select="normalize-space(@ref)"/>
    <!-- (so is an undeclared empty g right before a break inside a word: edition humboldt
         digital's "ge<g ref='#typoHyphen'/><lb break='no'/>schrieben", whose declarations
         are in a file of their own; it read "ge[#typoHyphen]schrieben") -->
    <!-- (and TCP's char:EOLunhyphen, a line end inside a word that the print marked with
         no hyphen: "peo<g ref='char:EOLunhyphen'/>ple" read "peo[char:EOLunhyphen]ple") -->
    <xsl:if test="node() or not(substring($ref, string-length($ref) - 8) = 'EOLhyphen' or substring($ref, string-length($ref) - 10) = 'EOLunhyphen'
        or (not($decl) and following-sibling::node()[not(self::text()[normalize-space(.) = ''])][1][self::tei:lb[@break = 'no']]))">
      <xsl:choose>
        <!-- a combining mark (TCP's char:cmbAbbrStroke, "vpo<g>&#x304;</g>") is written into
             the text it marks: in an element of its own it would stand on a dotted circle -->
        <xsl:when test="text() and not(*) and translate(., $combining-marks, '') = ''"><xsl:value-of select="."/></xsl:when>
        <xsl:otherwise>
      <span class="g">
        <xsl:call-template name="atts"/>
        <xsl:if test="$ref != ''"><xsl:attribute name="data-ref"><xsl:value-of select="$ref"/></xsl:attribute></xsl:if>
        <xsl:if test="$name != ''"><xsl:attribute name="title"><xsl:value-of select="$name"/></xsl:attribute></xsl:if>
        <xsl:choose>
          <xsl:when test="node()"><xsl:apply-templates/></xsl:when>
          <xsl:when test="string($shown) != ''"><xsl:value-of select="$shown"/></xsl:when>
          <xsl:otherwise>
            <span class="editorial-mark">[</span>
            <xsl:choose>
              <xsl:when test="$name != ''"><xsl:value-of select="$name"/></xsl:when>
              <xsl:when test="normalize-space(@type) != ''"><xsl:value-of select="normalize-space(@type)"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$ref"/></xsl:otherwise>
            </xsl:choose>
            <span class="editorial-mark">]</span>
          </xsl:otherwise>
        </xsl:choose>
      </span>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- The combining marks (U+0300–036F, U+1DC0–1DFF, U+20D0–20F0, U+FE20–FE2F). -->
  <xsl:variable name="combining-marks" select="'̴̵̶̷̸̡̢̧̨̛̖̗̘̙̜̝̞̟̠̣̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼͇͈͉͍͎̀́̂̃̄̅̆̇̈̉̊̋̌̍̎̏̐̑̒̓̔̽̾̿̀́͂̓̈́͆͊͋͌̕̚ͅ͏⃒⃓⃘⃙⃚᷐᷎᷺͓͔͕͖͙͚᷂᷊᷏᷹᷽᷿᷷᷸͐͑͒͗͛ͣͤͥͦͧͨͩͪͫͬͭͮͯ᷀᷁᷃᷄᷅᷆᷇᷈᷉᷋᷌᷑᷒ᷓᷔᷕᷖᷗᷘᷙᷚᷛᷜᷝᷞᷟᷠᷡᷢᷣᷤᷥᷦᷧᷨᷩᷪᷫᷬᷭᷮᷯᷰᷱᷲᷳᷴ᷵᷻᷾⃐⃑⃔⃕⃖⃗⃛⃜͘᷶͜͟͢᷼͝͞͠͡᷍⃝⃞⃟⃠⃡⃢⃣⃤⃥⃦⃪⃫⃨⃬⃭⃮⃯︧︨︩︪︫︬︭⃧⃩⃰︠︡︢︣︤︥︦︮︯'"/>

  <!-- The plain text of an empty g (contents, search, running heads): its character. -->
  <xsl:template match="tei:g[not(node())]" mode="plain"><xsl:call-template name="g-character"/></xsl:template>

  <!-- The character an empty g stands for: by its declaration, else by its type. -->
  <xsl:template name="g-character">
    <xsl:variable name="decl" select="key('declaration', normalize-space(@ref))[1]"/>
    <xsl:choose>
      <xsl:when test="$decl">
        <xsl:call-template name="declared-character"><xsl:with-param name="decl" select="$decl"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="typed-character"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="declared-character">
    <xsl:param name="decl"/>
    <xsl:variable name="m" select="$decl/tei:mapping[normalize-space(.) != '']"/>
    <xsl:variable name="normal" select="$m[@type = 'normalized' or @type = 'normalised' or @type = 'normal']"/>
    <xsl:variable name="unicode" select="$m[@type = 'unicode' or @type = 'normal_unicode']"/>
    <xsl:variable name="form" select="$decl/tei:charProp[tei:localName = 'normalized form' or tei:localName = 'normalised form']/tei:value
        | $decl/tei:localProp[@name = 'normalized form' or @name = 'normalised form']/@value"/>
    <xsl:variable name="composition" select="$decl/tei:charProp[tei:localName = 'composition']/tei:value
        | $decl/tei:localProp[@name = 'composition']/@value"/>
    <xsl:choose>
      <xsl:when test="$m[@type = 'standard']"><xsl:value-of select="normalize-space($m[@type = 'standard'])"/></xsl:when>
      <xsl:when test="$m[@type = 'diplomatic']"><xsl:value-of select="normalize-space($m[@type = 'diplomatic'])"/></xsl:when>
      <xsl:when test="$normal"><xsl:value-of select="normalize-space($normal)"/></xsl:when>
      <xsl:when test="$unicode"><xsl:value-of select="normalize-space($unicode)"/></xsl:when>
      <xsl:when test="$m[not(@type = 'PUA' or @type = 'pua')]"><xsl:value-of select="normalize-space($m[not(@type = 'PUA' or @type = 'pua')])"/></xsl:when>
      <xsl:when test="$m"><xsl:value-of select="normalize-space($m)"/></xsl:when>
      <xsl:when test="normalize-space($form) != ''"><xsl:value-of select="normalize-space($form)"/></xsl:when>
      <xsl:when test="normalize-space($composition) != ''"><xsl:value-of select="normalize-space($composition)"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The signs of inscriptions and papyri EpiDoc names by @type, as its stylesheets set them. -->
  <xsl:template name="typed-character">
    <xsl:variable name="t" select="normalize-space(@type)"/>
    <xsl:choose>
      <xsl:when test="$t = 'interpunct' or $t = 'middot' or $t = 'latin-interpunct' or $t = 'mid-punctus'">·</xsl:when>
      <xsl:when test="$t = 'dipunct' or $t = 'dicolon'">∶</xsl:when>
      <xsl:when test="$t = 'stop' or $t = 'dot'">•</xsl:when>
      <xsl:when test="$t = 'hedera' or $t = 'leaf'">❦</xsl:when>
      <xsl:when test="$t = 'crux' or $t = 'cross'">†</xsl:when>
      <xsl:when test="$t = 'stauros'">+</xsl:when>
      <xsl:when test="$t = 'chirho'">☧</xsl:when>
      <xsl:when test="$t = 'staurogram' or $t = 'taurho'">⳨</xsl:when>
      <xsl:when test="$t = 'asteriskos'">※</xsl:when>
      <xsl:when test="$t = 'dash' or $t = 'paragraphos'">—</xsl:when>
      <xsl:when test="$t = 'apostrophe' or $t = 'diastole'">’</xsl:when>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
